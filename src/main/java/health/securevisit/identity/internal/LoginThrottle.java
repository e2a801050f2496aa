package health.securevisit.identity.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Brute-force throttling of sign-in steps, per account name (known or not, so an unknown name is
 * treated exactly like a known one) and per source address: growing waits after a few failures,
 * then a temporary lock. State is kept in this node's memory.
 */
@Component
public class LoginThrottle {

    /** A key that has just been locked by a failure: {@code account:<name>} or {@code source:<address>}. */
    public record Locked(String kind, String key) {}

    private record State(int failures, Instant lastFailure, Instant notBefore, boolean locked) {}

    private static final int MAX_ENTRIES = 100_000;

    private final IdentitySettings.Throttle settings;
    private final Clock clock;
    private final Map<String, State> states = new ConcurrentHashMap<>();

    @Autowired
    LoginThrottle(IdentitySettings settings) {
        this(settings.throttle(), Clock.systemUTC());
    }

    LoginThrottle(IdentitySettings.Throttle settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
    }

    /** @throws TooManyAttemptsException while the account or the source must wait */
    public void check(String account, String source) {
        Instant now = clock.instant();
        Duration wait = max(waitFor(accountKey(account), now), waitFor(sourceKey(source), now));
        if (!wait.isZero()) {
            throw new TooManyAttemptsException(wait);
        }
    }

    /** Counts a failure for both keys; returns the keys this failure locked. */
    public List<Locked> failure(String account, String source) {
        Instant now = clock.instant();
        List<Locked> locked = new ArrayList<>(2);
        if (count(accountKey(account), now, settings.accountFreeFailures(), settings.accountLockAfter())) {
            locked.add(new Locked("account", account));
        }
        if (count(sourceKey(source), now, settings.sourceFreeFailures(), settings.sourceLockAfter())) {
            locked.add(new Locked("source", source));
        }
        return locked;
    }

    /** A successful sign-in clears the account's failures (not the source's). */
    public void success(String account) {
        states.remove(accountKey(account));
    }

    private boolean count(String key, Instant now, int free, int lockAfter) {
        if (states.size() > MAX_ENTRIES) {
            states.entrySet().removeIf(e -> expired(e.getValue(), now));
        }
        State next = states.compute(key, (k, old) -> {
            boolean fresh = old == null || expired(old, now) || (old.locked() && !now.isBefore(old.notBefore()));
            int failures = fresh ? 1 : old.failures() + 1;
            if (failures >= lockAfter) {
                return new State(failures, now, now.plus(settings.lockFor()), true);
            }
            Instant notBefore = failures > free ? now.plus(delay(failures - free)) : now;
            return new State(failures, now, notBefore, false);
        });
        return next.locked() && next.failures() == lockAfter;
    }

    private Duration delay(int excess) {
        long seconds = 1L << Math.min(excess - 1, 20);
        Duration d = Duration.ofSeconds(seconds);
        return d.compareTo(settings.maxDelay()) > 0 ? settings.maxDelay() : d;
    }

    private Duration waitFor(String key, Instant now) {
        State s = states.get(key);
        if (s == null || !now.isBefore(s.notBefore())) {
            return Duration.ZERO;
        }
        return Duration.between(now, s.notBefore());
    }

    private boolean expired(State s, Instant now) {
        return !now.isBefore(s.notBefore())
                && Duration.between(s.lastFailure(), now).compareTo(settings.window()) > 0;
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    private static String accountKey(String account) {
        return "account:" + account.strip().toLowerCase(Locale.ROOT);
    }

    private static String sourceKey(String source) {
        return "source:" + source;
    }
}
