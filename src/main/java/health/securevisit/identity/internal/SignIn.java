package health.securevisit.identity.internal;

import health.securevisit.audit.Outcome;
import health.securevisit.identity.WorkforcePrincipal;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;

/**
 * The sign-in steps: password first, then one second factor (TOTP, recovery code; WebAuthn in
 * {@link WebAuthnSignIn}). Each step is throttled ({@link SignInThrottle}: passwords per account
 * and source, second factors per account, never reset by a correct password), audited with its
 * outcome and reason, and answers the same for unknown and known usernames.
 */
@Service
public class SignIn {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final WorkforceUsers users;
    private final PasswordHasher hasher;
    private final SignInThrottle throttle;
    private final IdentityAudit audit;
    private final TotpSecrets totpSecrets;
    private final RecoveryCodes recoveryCodes;
    private final Factors factors;
    private final Clock clock;
    private final Totp totp = new Totp();

    SignIn(
            WorkforceUsers users,
            PasswordHasher hasher,
            SignInThrottle throttle,
            IdentityAudit audit,
            TotpSecrets totpSecrets,
            RecoveryCodes recoveryCodes,
            Factors factors,
            Clock clock) {
        this.users = users;
        this.hasher = hasher;
        this.throttle = throttle;
        this.audit = audit;
        this.totpSecrets = totpSecrets;
        this.recoveryCodes = recoveryCodes;
        this.factors = factors;
        this.clock = clock;
    }

    /** The next step after a password: {@code mfa-enroll} without any factor, else {@code mfa-verify}. */
    public String next(WorkforcePrincipal principal) {
        if (principal.mfaSatisfied()) {
            return "done";
        }
        return factors.hasAny(principal.id()) ? "mfa-verify" : "mfa-enroll";
    }

    /** Checks a password; returns a session principal that still needs MFA. */
    public WorkforcePrincipal password(String username, String password, String source) {
        String name = username.strip().toLowerCase(Locale.ROOT);
        throttle.checkPassword(name, source);
        Optional<WorkforceUser> user = users.findByUsername(name);
        boolean matches =
                user.isPresent() ? hasher.matches(password, user.get().passwordHash()) : hasher.burn(password);
        if (matches && user.get().enabled()) {
            WorkforceUser u = user.get();
            throttle.passwordSucceeded(name, source);
            WorkforcePrincipal principal =
                    new WorkforcePrincipal(u.id(), u.username(), u.roles(), clock.instant(), null, null, newRef());
            audit.record(audit.by(principal, "auth.login", Outcome.SUCCESS, "password-ok-mfa-pending"));
            return principal;
        }
        String reason = user.isEmpty() ? "unknown-user" : matches ? "account-disabled" : "bad-credentials";
        audit.record(
                user.isPresent()
                        ? audit.about(user.get().id(), user.get().roles(), "auth.login", Outcome.DENIED, reason)
                                .session(null, "password")
                        : audit.event("auth.login", Outcome.DENIED, reason).session(null, "password"));
        UUID userId = user.map(WorkforceUser::id).orElse(null);
        audited(throttle.passwordFailed(name, userId, source), userId);
        throw IdentityFailure.badCredentials();
    }

    /** Checks a TOTP code for MFA or step-up; each code is accepted once. */
    public WorkforcePrincipal totp(WorkforcePrincipal principal, String code, String source) {
        boolean locks = secondFactorAttempt(principal, source);
        Optional<TotpSecrets.Entry> entry = totpSecrets.find(principal.id()).filter(TotpSecrets.Entry::confirmed);
        String reason = "no-totp-factor";
        if (entry.isPresent()) {
            Instant now = clock.instant();
            OptionalLong step =
                    totp.match(entry.get().secret(), code, now, entry.get().lastStep());
            if (step.isPresent() && totpSecrets.accept(principal.id(), step.getAsLong(), false)) {
                return succeeded(principal, "totp", now);
            }
            boolean replay =
                    totp.match(entry.get().secret(), code, now, Long.MIN_VALUE).isPresent();
            reason = replay ? "replayed-code" : "bad-code";
        }
        audit.record(audit.by(principal, "auth.mfa.verify", Outcome.DENIED, reason));
        secondFactorFailed(principal, source, locks);
        throw IdentityFailure.badCode();
    }

    /** Checks a single-use recovery code instead of the second factor. */
    public WorkforcePrincipal recoveryCode(WorkforcePrincipal principal, String code, String source) {
        boolean locks = secondFactorAttempt(principal, source);
        if (recoveryCodes.consume(principal.id(), code)) {
            return succeeded(principal, "recovery-code", clock.instant());
        }
        audit.record(audit.by(principal, "auth.mfa.verify", Outcome.DENIED, "bad-recovery-code"));
        secondFactorFailed(principal, source, locks);
        throw IdentityFailure.badCode();
    }

    WorkforcePrincipal succeeded(WorkforcePrincipal principal, String method, Instant now) {
        throttle.secondFactorSucceeded(principal.id());
        WorkforcePrincipal done = principal.withMfa(method, now);
        String action = method.equals("webauthn-passwordless")
                ? "auth.login"
                : principal.mfaSatisfied() ? "auth.step-up" : "auth.mfa.verify";
        audit.record(audit.by(done, action, Outcome.SUCCESS, method));
        return done;
    }

    /**
     * Counts a second-factor attempt before its code is checked (see
     * {@link SignInThrottle#checkSecondFactor}); returns whether it locked the account.
     */
    boolean secondFactorAttempt(WorkforcePrincipal principal, String source) {
        return throttle.checkSecondFactor(principal.id(), source);
    }

    /** A code was right: forgets the account's counted second-factor attempts. */
    void secondFactorCleared(WorkforcePrincipal principal) {
        throttle.secondFactorSucceeded(principal.id());
    }

    /** A wrong code; {@code locks} is what {@link SignInThrottle#checkSecondFactor} returned for it. */
    void secondFactorFailed(WorkforcePrincipal principal, String source, boolean locks) {
        audited(throttle.secondFactorFailed(principal.username(), principal.id(), source, locks), principal.id());
    }

    /** Audits each lock that a failure caused: the account's (by id) or the source address's. */
    void audited(List<SignInThrottle.Locked> locks, @Nullable UUID userId) {
        for (SignInThrottle.Locked locked : locks) {
            var event = audit.event("auth.lockout", Outcome.DENIED, lockReason(locked.kind()));
            switch (locked.kind()) {
                case ACCOUNT_AND_SOURCE, SECOND_FACTOR -> {
                    event.resource("account", userId == null ? null : userId.toString());
                    if (userId != null) {
                        event.actor(userId.toString(), null);
                    }
                }
                case SOURCE, WEBAUTHN_SOURCE -> event.resource("source-address", locked.key());
            }
            audit.record(event);
        }
    }

    static String lockReason(SignInThrottle.Kind kind) {
        return switch (kind) {
            case ACCOUNT_AND_SOURCE -> "password-failures-account-source";
            case SECOND_FACTOR -> "second-factor-failures";
            case SOURCE -> "failures-from-source";
            case WEBAUTHN_SOURCE -> "webauthn-failures-from-source";
        };
    }

    static String newRef() {
        byte[] ref = new byte[12];
        RANDOM.nextBytes(ref);
        return HexFormat.of().formatHex(ref);
    }
}
