package health.securevisit.identity.internal;

import health.securevisit.audit.Outcome;
import health.securevisit.identity.Role;
import health.securevisit.platform.PlatformSettings;
import health.securevisit.platform.StartupException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.EnumSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Service;

/**
 * Creates the first administrator. At start, while no account exists: from
 * {@code SECUREVISIT_BOOTSTRAP_ADMIN_USERNAME}/{@code _PASSWORD} if set, otherwise a one-time setup
 * token is written to {@code DATA_DIR/setup-token} (mode 0600, its path logged) and redeemed once
 * through {@code POST /api/v1/setup}, which deletes it.
 */
@Service
public class Setup implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(Setup.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final WorkforceUsers users;
    private final UserAdministration administration;
    private final BootstrapSettings.Admin bootstrap;
    private final IdentityAudit audit;
    private final SignInThrottle throttle;
    private final Path tokenFile;

    Setup(
            WorkforceUsers users,
            UserAdministration administration,
            BootstrapSettings bootstrap,
            IdentityAudit audit,
            SignInThrottle throttle,
            PlatformSettings platform) {
        this.users = users;
        this.administration = administration;
        this.bootstrap = bootstrap.admin();
        this.audit = audit;
        this.throttle = throttle;
        this.tokenFile = platform.dataDir().resolve("setup-token");
    }

    @Override
    public synchronized void run(ApplicationArguments args) {
        if (users.count() > 0) {
            deleteToken();
            return;
        }
        if (bootstrap.configured()) {
            createFromSettings();
            return;
        }
        byte[] random = new byte[32];
        RANDOM.nextBytes(random);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        try {
            Files.deleteIfExists(tokenFile);
            Files.createFile(
                    tokenFile, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(tokenFile, token + "\n", StandardCharsets.US_ASCII, StandardOpenOption.TRUNCATE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the setup token", e);
        }
        log.warn(
                "No account exists yet: a one-time setup token for the first administrator was written to {}"
                        + " (POST /api/v1/setup with it; it is deleted once used)",
                tokenFile);
    }

    /** Creates the first administrator with the token from the setup-token file, once. */
    public synchronized WorkforceUser redeem(String token, String username, String password, String source) {
        if (users.count() > 0) {
            throw IdentityFailure.setupComplete();
        }
        String key = "setup@" + source; // per source: a stranger cannot lock the operator out
        throttle.checkPassword(key, source);
        if (!matches(token)) {
            audit.record(audit.event("identity.setup", Outcome.DENIED, "bad-setup-token"));
            throttle.passwordFailed(key, null, source);
            throw IdentityFailure.setupTokenInvalid();
        }
        WorkforceUser admin = administration.create(null, username, password, EnumSet.of(Role.ADMIN));
        deleteToken();
        audit.record(audit.event("identity.setup", Outcome.SUCCESS, "setup-token")
                .resource("workforce-user", admin.id().toString()));
        return admin;
    }

    private void createFromSettings() {
        try {
            WorkforceUser admin = administration.create(
                    null,
                    bootstrap.username(),
                    bootstrap.password() == null ? "" : bootstrap.password(),
                    EnumSet.of(Role.ADMIN));
            audit.record(audit.event("identity.setup", Outcome.SUCCESS, "bootstrap-settings")
                    .resource("workforce-user", admin.id().toString()));
            log.warn(
                    "Created the first administrator '{}' from SECUREVISIT_BOOTSTRAP_ADMIN_USERNAME;"
                            + " it must enrol MFA at its first sign-in",
                    admin.username());
        } catch (IdentityFailure e) {
            String setting = e.code().equals("password-rejected")
                    ? "SECUREVISIT_BOOTSTRAP_ADMIN_PASSWORD"
                    : "SECUREVISIT_BOOTSTRAP_ADMIN_USERNAME";
            throw new StartupException(setting, e.getMessage());
        }
    }

    private boolean matches(String token) {
        if (!Files.isRegularFile(tokenFile)) {
            return false;
        }
        try {
            String expected =
                    Files.readString(tokenFile, StandardCharsets.US_ASCII).strip();
            return !expected.isEmpty()
                    && MessageDigest.isEqual(
                            expected.getBytes(StandardCharsets.US_ASCII),
                            token.strip().getBytes(StandardCharsets.US_ASCII));
        } catch (IOException e) {
            return false;
        }
    }

    private void deleteToken() {
        try {
            Files.deleteIfExists(tokenFile);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the used setup token", e);
        }
    }
}
