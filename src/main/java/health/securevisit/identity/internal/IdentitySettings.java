package health.securevisit.identity.internal;

import health.securevisit.platform.StartupException;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the identity module ({@code SECUREVISIT_IDENTITY_*}). Session limits are refused at
 * start-up when they exceed NIST SP 800-63B-4 AAL2 (idle at most 1 hour, reauthentication at least
 * every 24 hours).
 */
@ConfigurationProperties("securevisit.identity")
public record IdentitySettings(
        @DefaultValue Session session,
        @DefaultValue Password password,
        @DefaultValue Throttle throttle,
        @DefaultValue WebAuthn webauthn,
        @DefaultValue Administration administration) {

    static final Duration AAL2_MAX_IDLE = Duration.ofHours(1);
    static final Duration AAL2_MAX_ABSOLUTE = Duration.ofHours(24);

    static final Duration MAX_ACCOUNT_RECHECK = Duration.ofSeconds(10);

    /**
     * Idle timeout (default 15 min), absolute limit from sign-in (default 12 h), and how long the
     * session filter may reuse an account's enabled flag and roles read from the database (default
     * 1 s, at most 10 s, 0 reads them on every request). Changes made through this server apply at
     * the next request regardless; the reuse only delays changes made by another server on the same
     * database.
     */
    public record Session(
            @DefaultValue("15m") Duration idleTimeout,
            @DefaultValue("12h") Duration absoluteTimeout,
            @DefaultValue("1s") Duration accountRecheck) {
        public Session {
            within(idleTimeout, AAL2_MAX_IDLE, "SECUREVISIT_IDENTITY_SESSION_IDLE_TIMEOUT");
            within(absoluteTimeout, AAL2_MAX_ABSOLUTE, "SECUREVISIT_IDENTITY_SESSION_ABSOLUTE_TIMEOUT");
            if (accountRecheck.isNegative() || accountRecheck.compareTo(MAX_ACCOUNT_RECHECK) > 0) {
                throw new StartupException(
                        "SECUREVISIT_IDENTITY_SESSION_ACCOUNT_RECHECK",
                        "must be between 0s and 10s (a disabled account must lose its sessions quickly); it is "
                                + accountRecheck);
            }
        }
    }

    /** Argon2id cost: memory in KiB (OWASP minimum 19 MiB) and iterations (minimum 2). */
    public record Password(
            @DefaultValue("19456") int memoryKib,
            @DefaultValue("2") int iterations,
            @DefaultValue("1") int parallelism) {
        public Password {
            if (memoryKib < 19_456) {
                throw new StartupException(
                        "SECUREVISIT_IDENTITY_PASSWORD_MEMORY_KIB", "must be at least 19456 (19 MiB, OWASP)");
            }
            if (iterations < 2) {
                throw new StartupException("SECUREVISIT_IDENTITY_PASSWORD_ITERATIONS", "must be at least 2 (OWASP)");
            }
            if (parallelism < 1) {
                throw new StartupException("SECUREVISIT_IDENTITY_PASSWORD_PARALLELISM", "must be at least 1");
            }
        }
    }

    /**
     * Brute-force throttling. Password failures count per account name and source address together
     * (a stranger elsewhere cannot lock an account out), second-factor failures (TOTP, recovery
     * codes) per account wherever they come from and whatever passwords were entered, and every
     * failure per source address; WebAuthn assertions count per source address on their own, so
     * passkey sign-in stays open while the other steps wait. After {@code accountFreeFailures}
     * ({@code sourceFreeFailures}) failures each further one doubles the wait (from 1 s, at most
     * {@code maxDelay}); at {@code accountLockAfter} ({@code sourceLockAfter}) the key is locked for
     * {@code lockFor}. Failures are forgotten {@code window} after the first. A security alert is
     * raised when one account collects {@code alertAccountFailures} failures, or one source fails
     * on {@code alertSourceAccounts} accounts, within the window.
     */
    public record Throttle(
            @DefaultValue("3") int accountFreeFailures,
            @DefaultValue("10") int accountLockAfter,
            @DefaultValue("10") int sourceFreeFailures,
            @DefaultValue("50") int sourceLockAfter,
            @DefaultValue("30s") Duration maxDelay,
            @DefaultValue("15m") Duration lockFor,
            @DefaultValue("15m") Duration window,
            @DefaultValue("20") int alertAccountFailures,
            @DefaultValue("10") int alertSourceAccounts) {
        public Throttle {
            if (accountFreeFailures < 0 || accountLockAfter <= accountFreeFailures) {
                throw new StartupException(
                        "SECUREVISIT_IDENTITY_THROTTLE_ACCOUNT_LOCK_AFTER", "must be more than the free failures");
            }
            if (sourceFreeFailures < 0 || sourceLockAfter <= sourceFreeFailures) {
                throw new StartupException(
                        "SECUREVISIT_IDENTITY_THROTTLE_SOURCE_LOCK_AFTER", "must be more than the free failures");
            }
            if (alertAccountFailures < 2) {
                throw new StartupException(
                        "SECUREVISIT_IDENTITY_THROTTLE_ALERT_ACCOUNT_FAILURES", "must be at least 2");
            }
            if (alertSourceAccounts < 2) {
                throw new StartupException("SECUREVISIT_IDENTITY_THROTTLE_ALERT_SOURCE_ACCOUNTS", "must be at least 2");
            }
        }
    }

    /**
     * Account administration: a role change needs a second factor verified within
     * {@code stepUpMaxAge} (default 5 min, at most 15 min).
     */
    public record Administration(@DefaultValue("5m") Duration stepUpMaxAge) {
        public Administration {
            if (!stepUpMaxAge.isPositive() || stepUpMaxAge.compareTo(Duration.ofMinutes(15)) > 0) {
                throw new StartupException(
                        "SECUREVISIT_IDENTITY_ADMINISTRATION_STEP_UP_MAX_AGE", "must be between 1s and 15m");
            }
        }
    }

    /**
     * WebAuthn relying party: its id (a registrable domain of the origins), its display name, the
     * origins allowed to send assertions (empty: {@code https://<rp-id>:<port>}), how many assertion
     * challenges may be pending at once (default 10,000; they live outside the HTTP session) and how
     * many assertion options one source address may ask for per minute (default 30).
     */
    public record WebAuthn(
            @DefaultValue("localhost") String rpId,
            @DefaultValue("SecureVisit") String rpName,
            @DefaultValue List<String> allowedOrigins,
            @DefaultValue("10000") int maxPendingChallenges,
            @DefaultValue("30") int optionsPerMinute) {
        public WebAuthn {
            if (maxPendingChallenges < 1 || maxPendingChallenges > 1_000_000) {
                throw new StartupException(
                        "SECUREVISIT_IDENTITY_WEBAUTHN_MAX_PENDING_CHALLENGES", "must be between 1 and 1000000");
            }
            if (optionsPerMinute < 1) {
                throw new StartupException("SECUREVISIT_IDENTITY_WEBAUTHN_OPTIONS_PER_MINUTE", "must be at least 1");
            }
        }
    }

    private static void within(Duration value, Duration max, String setting) {
        if (value.isZero() || value.isNegative()) {
            throw new StartupException(setting, "must be a positive duration");
        }
        if (value.compareTo(max) > 0) {
            throw new StartupException(
                    setting, "must not exceed " + max.toHours() + "h (NIST SP 800-63B-4 AAL2); it is " + value);
        }
    }
}
