package health.securevisit.identity.internal;

import health.securevisit.identity.SuspiciousSignInsDetected;
import health.securevisit.platform.Throttle;
import health.securevisit.platform.ThrottleRule;
import health.securevisit.platform.Throttles;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * The sign-in keys of the platform throttle (rules in {@link IdentitySettings.Throttle}):
 *
 * <ul>
 *   <li>passwords per account name and source together: a stranger elsewhere cannot lock the account;
 *   <li>second factors (TOTP, recovery codes) per account: a correct password never resets them;
 *   <li>every password and second-factor failure per source;
 *   <li>WebAuthn assertions per source on their own: passkey sign-in stays open while the others wait.
 * </ul>
 *
 * A source is the client address as {@link Throttles#sourceKey} keys it (an IPv6 address by its /64).
 * Failures are also watched for pile-ups, published as {@link SuspiciousSignInsDetected}.
 */
@Component
public class SignInThrottle {

    /** What a failure locked: a key of {@link Kind}, {@code key} its account name or source address. */
    public record Locked(Kind kind, String key) {}

    /** The throttled keys. */
    public enum Kind {
        ACCOUNT_AND_SOURCE,
        SECOND_FACTOR,
        SOURCE,
        WEBAUTHN_SOURCE
    }

    private final Throttle passwords;
    private final Throttle secondFactors;
    private final Throttle sources;
    private final Throttle webauthn;
    private final Throttle webauthnOptions;
    private final Throttle accountWatch;
    private final Throttle sourceWatch;
    private final Throttle pairsSeen;
    private final IdentityEvents events;
    private final Clock clock;

    SignInThrottle(Throttles throttles, IdentitySettings settings, IdentityEvents events, Clock clock) {
        IdentitySettings.Throttle t = settings.throttle();
        ThrottleRule account =
                ThrottleRule.of(t.accountFreeFailures(), t.accountLockAfter(), t.maxDelay(), t.lockFor(), t.window());
        ThrottleRule source =
                ThrottleRule.of(t.sourceFreeFailures(), t.sourceLockAfter(), t.maxDelay(), t.lockFor(), t.window());
        this.passwords = throttles.create("sign-in-password", account);
        this.secondFactors = throttles.create("sign-in-second-factor", account);
        this.sources = throttles.create("sign-in-source", source);
        this.webauthn = throttles.create("sign-in-webauthn", source);
        this.webauthnOptions = throttles.create(
                "sign-in-webauthn-options",
                ThrottleRule.perWindow(settings.webauthn().optionsPerMinute(), Duration.ofMinutes(1)));
        // Watches count without ever being checked: reaching the threshold is the alert.
        this.accountWatch = throttles.create("sign-in-watch-account", watch(t.alertAccountFailures(), t));
        this.sourceWatch = throttles.create("sign-in-watch-source", watch(t.alertSourceAccounts(), t));
        this.pairsSeen = throttles.create("sign-in-watch-pairs", watch(Integer.MAX_VALUE - 1, t));
        this.events = events;
        this.clock = clock;
    }

    /** @throws health.securevisit.platform.TooManyAttemptsException while this account and source wait */
    public void checkPassword(String account, String address) {
        String source = Throttles.sourceKey(address);
        passwords.check(pair(account, source), source);
        sources.check(source);
    }

    /** A correct password clears the failures of this account from this source only. */
    public void passwordSucceeded(String account, String address) {
        String source = Throttles.sourceKey(address);
        passwords.clear(pair(account, source));
    }

    /** Counts a wrong password; {@code userId} is null for unknown names. */
    public List<Locked> passwordFailed(String account, @Nullable UUID userId, String address) {
        String source = Throttles.sourceKey(address);
        List<Locked> locked = new ArrayList<>(2);
        if (passwords.failure(pair(account, source))) {
            locked.add(new Locked(Kind.ACCOUNT_AND_SOURCE, normalized(account)));
        }
        countSource(source, locked);
        watch(account, userId, source);
        return locked;
    }

    /**
     * Counts a second-factor attempt for the account before the code is verified (parallel guesses
     * cannot all pass one check); a success clears it. Returns whether this attempt locked the account.
     *
     * @throws health.securevisit.platform.TooManyAttemptsException while the account's second factors
     *     or the source wait
     */
    public boolean checkSecondFactor(UUID userId, String address) {
        String source = Throttles.sourceKey(address);
        sources.check(source);
        return secondFactors.acquire(userId.toString());
    }

    public void secondFactorSucceeded(UUID userId) {
        secondFactors.clear(userId.toString());
    }

    /**
     * A wrong TOTP or recovery code, already counted for the account by {@link #checkSecondFactor}
     * (which said whether it {@code lockedAccount}): counts it for the source and the watches.
     */
    public List<Locked> secondFactorFailed(String account, UUID userId, String address, boolean lockedAccount) {
        String source = Throttles.sourceKey(address);
        List<Locked> locked = new ArrayList<>(2);
        if (lockedAccount) {
            locked.add(new Locked(Kind.SECOND_FACTOR, normalized(account)));
        }
        countSource(source, locked);
        watch(account, userId, source);
        return locked;
    }

    /** @throws health.securevisit.platform.TooManyAttemptsException while WebAuthn from this source waits */
    public void checkWebAuthn(String address) {
        String source = Throttles.sourceKey(address);
        webauthn.check(source);
    }

    /** Counts a request for WebAuthn assertion options; @throws health.securevisit.platform.TooManyAttemptsException beyond the rate */
    public void optionsRequested(String address) {
        String source = Throttles.sourceKey(address);
        webauthnOptions.attempt(source);
    }

    /** Counts a refused WebAuthn assertion (per source only: it cannot be guessed, only flooded). */
    public List<Locked> webAuthnFailed(@Nullable String account, @Nullable UUID userId, String address) {
        String source = Throttles.sourceKey(address);
        List<Locked> locked = new ArrayList<>(1);
        if (webauthn.failure(source)) {
            locked.add(new Locked(Kind.WEBAUTHN_SOURCE, source));
        }
        if (account != null) {
            watch(account, userId, source);
        }
        return locked;
    }

    private void countSource(String source, List<Locked> locked) {
        if (sources.failure(source)) {
            locked.add(new Locked(Kind.SOURCE, source));
        }
    }

    private void watch(String account, @Nullable UUID userId, String source) {
        if (userId != null && accountWatch.failure(userId.toString())) {
            events.observed(new SuspiciousSignInsDetected(
                    SuspiciousSignInsDetected.Pattern.ONE_ACCOUNT,
                    userId,
                    source,
                    accountWatch.failures(userId.toString()),
                    clock.instant()));
        }
        String pair = pair(account, source);
        pairsSeen.failure(pair);
        if (pairsSeen.failures(pair) == 1 && sourceWatch.failure(source)) {
            events.observed(new SuspiciousSignInsDetected(
                    SuspiciousSignInsDetected.Pattern.ONE_SOURCE_MANY_ACCOUNTS,
                    null,
                    source,
                    sourceWatch.failures(source),
                    clock.instant()));
        }
    }

    private static ThrottleRule watch(int threshold, IdentitySettings.Throttle t) {
        return ThrottleRule.of(threshold - 1, threshold, t.window(), t.window(), t.window());
    }

    private static String pair(String account, String source) {
        return normalized(account) + "\n" + source;
    }

    static String normalized(String account) {
        return account.strip().toLowerCase(Locale.ROOT);
    }
}
