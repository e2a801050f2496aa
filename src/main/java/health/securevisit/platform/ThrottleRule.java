package health.securevisit.platform;

import java.time.Duration;

/**
 * How a {@link Throttle} counts: after {@code freeFailures} failures of a key within its window,
 * each further failure makes the key wait (1 s, doubling, at most {@code maxDelay}); the
 * {@code lockAfter}-th failure locks the key for {@code lockFor}. A key's failures are forgotten
 * {@code window} after its first one (and once its wait or lock is over). At most {@code maxKeys}
 * keys are kept; beyond that the least used are dropped.
 */
public record ThrottleRule(
        int freeFailures, int lockAfter, Duration maxDelay, Duration lockFor, Duration window, int maxKeys) {

    /** Keys kept per throttle unless a rule says otherwise. */
    public static final int DEFAULT_MAX_KEYS = 100_000;

    public ThrottleRule {
        if (freeFailures < 0 || lockAfter < 1 || lockAfter <= freeFailures) {
            throw new IllegalArgumentException("need 0 <= freeFailures < lockAfter");
        }
        if (!maxDelay.isPositive() || !lockFor.isPositive() || !window.isPositive()) {
            throw new IllegalArgumentException("maxDelay, lockFor and window must be positive");
        }
        if (maxKeys < 1) {
            throw new IllegalArgumentException("maxKeys must be positive");
        }
    }

    /** Growing waits after {@code freeFailures}, a lock at {@code lockAfter}, {@link #DEFAULT_MAX_KEYS}. */
    public static ThrottleRule of(
            int freeFailures, int lockAfter, Duration maxDelay, Duration lockFor, Duration window) {
        return new ThrottleRule(freeFailures, lockAfter, maxDelay, lockFor, window, DEFAULT_MAX_KEYS);
    }

    /**
     * A plain rate: {@code attempts} per {@code window}, every attempt counted with
     * {@link Throttle#attempt}; the next one waits until the window is over.
     */
    public static ThrottleRule perWindow(int attempts, Duration window) {
        return new ThrottleRule(attempts, attempts + 1, window, window, window, DEFAULT_MAX_KEYS);
    }
}
