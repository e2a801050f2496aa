package health.securevisit.identity.internal;

import health.securevisit.audit.Outcome;
import health.securevisit.identity.StepUpRequiredException;
import health.securevisit.identity.WorkforcePrincipal;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;
import org.springframework.stereotype.Service;

/**
 * Enrolment of an authenticator app: a 160-bit secret shown once as an {@code otpauth://} URI and QR
 * code, stored encrypted, and active only after a first correct code. A session may enrol when it
 * completed MFA recently, or on first sign-in when the account has no factor at all; a password
 * alone never adds a factor to an account that has one.
 */
@Service
public class TotpEnrollment {

    static final String ISSUER = "SecureVisit";
    static final Duration FRESH_MFA = Duration.ofMinutes(15);
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A started enrolment: the secret (base32), the URI for apps, and its QR code as a data URI. */
    public record Started(String secret, String otpauthUri, String qrCode) {}

    /** A confirmed enrolment: the session after it, and recovery codes if this was the first factor. */
    public record Confirmed(WorkforcePrincipal principal, List<String> recoveryCodes) {}

    private final TotpSecrets secrets;
    private final Factors factors;
    private final RecoveryCodes recoveryCodes;
    private final SignIn signIn;
    private final IdentityAudit audit;
    private final Clock clock;
    private final Totp totp = new Totp();

    TotpEnrollment(
            TotpSecrets secrets,
            Factors factors,
            RecoveryCodes recoveryCodes,
            SignIn signIn,
            IdentityAudit audit,
            Clock clock) {
        this.secrets = secrets;
        this.factors = factors;
        this.recoveryCodes = recoveryCodes;
        this.signIn = signIn;
        this.audit = audit;
        this.clock = clock;
    }

    public Started begin(WorkforcePrincipal principal) {
        requireMayEnrol(principal);
        if (secrets.find(principal.id()).filter(TotpSecrets.Entry::confirmed).isPresent()) {
            throw IdentityFailure.factorExists();
        }
        byte[] secret = new byte[20];
        RANDOM.nextBytes(secret);
        secrets.savePending(principal.id(), secret);
        String base32 = Base32.encode(secret);
        String label = URLEncoder.encode(ISSUER + ":" + principal.username(), StandardCharsets.UTF_8)
                .replace("+", "%20");
        String uri = "otpauth://totp/" + label + "?secret=" + base32 + "&issuer=" + ISSUER
                + "&algorithm=SHA1&digits=6&period=30";
        return new Started(base32, uri, QrCodes.svgDataUri(uri));
    }

    public Confirmed confirm(WorkforcePrincipal principal, String code, String source) {
        requireMayEnrol(principal);
        TotpSecrets.Entry pending = secrets.find(principal.id())
                .filter(e -> !e.confirmed())
                .orElseThrow(IdentityFailure::noPendingEnrollment);
        boolean locks = signIn.secondFactorAttempt(principal, source);
        Instant now = clock.instant();
        OptionalLong step = totp.match(pending.secret(), code, now, pending.lastStep());
        if (step.isEmpty() || !secrets.accept(principal.id(), step.getAsLong(), true)) {
            audit.record(audit.by(principal, "auth.mfa.enrol", Outcome.DENIED, "bad-code")
                    .resource("factor", "totp"));
            signIn.secondFactorFailed(principal, source, locks);
            throw IdentityFailure.badCode();
        }
        signIn.secondFactorCleared(principal);
        List<String> codes =
                recoveryCodes.remaining(principal.id()) == 0 ? recoveryCodes.regenerate(principal.id()) : List.of();
        WorkforcePrincipal after = principal.withMfa("totp", now);
        audit.record(audit.by(after, "auth.mfa.enrol", Outcome.SUCCESS, "totp").resource("factor", "totp"));
        return new Confirmed(after, codes);
    }

    /** @throws IdentityFailure mfa-required, or StepUpRequiredException when the MFA is too old */
    void requireMayEnrol(WorkforcePrincipal principal) {
        if (principal.mfaSatisfied()) {
            if (principal.mfaAt().isBefore(clock.instant().minus(FRESH_MFA))) {
                throw new StepUpRequiredException();
            }
        } else if (factors.hasAny(principal.id())) {
            throw IdentityFailure.mfaRequired();
        }
    }
}
