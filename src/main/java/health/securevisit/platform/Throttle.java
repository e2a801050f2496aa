package health.securevisit.platform;

/**
 * Keyed attempt counting for anything that can be guessed or flooded (sign-in steps, join links,
 * later the visit room). Made by {@link Throttles#create}. A refused step throws
 * {@link TooManyAttemptsException}, which the platform answers with one 429
 * {@code too-many-attempts} problem and {@code Retry-After}.
 *
 * <p>Security guarantees: a key that is waiting or locked is refused until its time is over,
 * whatever else happens to other keys; time comes from the application's {@link java.time.Clock};
 * memory is bounded by the rule's {@code maxKeys} (under a flood of distinct keys the least used
 * keys are dropped first, so a flood can shorten other keys' waits but never lock them). State is
 * this node's memory.
 */
public interface Throttle {

    /** @throws TooManyAttemptsException with the longest wait if any of {@code keys} must wait */
    void check(String... keys);

    /** Counts a failure of {@code key}; returns whether this very failure locked it. */
    boolean failure(String key);

    /**
     * Checks {@code key} and counts this attempt as a failure in one atomic step, before the guess
     * is verified, so parallel attempts cannot all pass one check; a success then {@link #clear}s
     * the key. Returns whether this attempt locked it.
     *
     * @throws TooManyAttemptsException (nothing counted) if the key must wait
     */
    boolean acquire(String key);

    /** Checks {@code key} and counts this attempt; @throws TooManyAttemptsException if it must wait */
    default void attempt(String key) {
        check(key);
        failure(key);
        check(key);
    }

    /** The failures of {@code key} counted in its current window (0 when none). */
    int failures(String key);

    /** Forgets {@code key}'s failures (a success). */
    void clear(String key);
}
