package health.securevisit.platform.internal;

import health.securevisit.platform.SharedStateUnavailableException;
import health.securevisit.platform.Throttle;
import health.securevisit.platform.ThrottleRule;
import health.securevisit.platform.Throttles;
import health.securevisit.platform.TooManyAttemptsException;
import health.securevisit.platform.internal.MemoryThrottles.State;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DataAccessException;

/**
 * Throttles counted in a store that every node of a cluster shares (Redis or PostgreSQL), with the
 * rule of {@link MemoryThrottles}: each count is read, advanced in this node and written back by an
 * atomic compare-and-swap, retried when another node counted meanwhile, so attempts on different
 * nodes add up and parallel attempts cannot all pass one check. Keys are stored as SHA-256 hashes
 * (no username or address in the store). A store that does not answer fails the step with
 * {@link SharedStateUnavailableException} (503): nothing is let through uncounted.
 */
final class SharedThrottles implements Throttles {

    /** The shared store of counts, as text; {@code hashedKey} is hex. */
    interface Store {
        @Nullable
        String get(String throttle, String hashedKey);

        /** Replaces {@code expected} (null: absent) by {@code next} kept until {@code expiresAt}; false if it changed. */
        boolean swap(String throttle, String hashedKey, @Nullable String expected, String next, Instant expiresAt);

        void delete(String throttle, String hashedKey);
    }

    private static final int MAX_SWAPS = 50;

    private final Store store;
    private final Clock clock;

    SharedThrottles(Store store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    @Override
    public Throttle create(String name, ThrottleRule rule) {
        return new SharedThrottle(name, rule);
    }

    static String encode(State s) {
        return s.failures() + ":" + s.windowStart().toEpochMilli() + ":"
                + s.notBefore().toEpochMilli();
    }

    static @Nullable State decode(@Nullable String text) {
        if (text == null) {
            return null;
        }
        String[] parts = text.split(":", 3);
        if (parts.length != 3) {
            return null; // not ours: counted afresh
        }
        return new State(
                Integer.parseInt(parts[0]),
                Instant.ofEpochMilli(Long.parseLong(parts[1])),
                Instant.ofEpochMilli(Long.parseLong(parts[2])));
    }

    static String hash(String key) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private final class SharedThrottle implements Throttle {

        private final String name;
        private final ThrottleRule rule;

        SharedThrottle(String name, ThrottleRule rule) {
            this.name = name;
            this.rule = rule;
        }

        @Override
        public void check(String... keys) {
            MemoryThrottles.refuseWaiting(clock.instant(), keys, key -> read(hash(key)));
        }

        @Override
        public boolean failure(String key) {
            return count(key, false);
        }

        @Override
        public boolean acquire(String key) {
            return count(key, true);
        }

        @Override
        public int failures(String key) {
            State s = read(hash(key));
            return s == null || !clock.instant().isBefore(s.expiresAt(rule.window())) ? 0 : s.failures();
        }

        @Override
        public void clear(String key) {
            try {
                store.delete(name, hash(key));
            } catch (DataAccessException e) {
                throw unavailable(e);
            }
        }

        private boolean count(String key, boolean refuseWaiting) {
            String hashed = hash(key);
            try {
                for (int i = 0; i < MAX_SWAPS; i++) {
                    Instant now = clock.instant();
                    String text = store.get(name, hashed);
                    State old = decode(text);
                    if (refuseWaiting && old != null && now.isBefore(old.notBefore())) {
                        throw new TooManyAttemptsException(Duration.between(now, old.notBefore()));
                    }
                    State next = MemoryThrottles.counted(rule, old, now);
                    if (store.swap(name, hashed, text, encode(next), next.expiresAt(rule.window()))) {
                        return next.failures() == rule.lockAfter();
                    }
                }
            } catch (DataAccessException e) {
                throw unavailable(e);
            }
            // Contention this high is a flood on one key: refuse rather than let an attempt through uncounted.
            throw new TooManyAttemptsException(Duration.ofSeconds(1));
        }

        private @Nullable State read(String hashed) {
            try {
                return decode(store.get(name, hashed));
            } catch (DataAccessException e) {
                throw unavailable(e);
            }
        }
    }

    private static SharedStateUnavailableException unavailable(DataAccessException cause) {
        return new SharedStateUnavailableException("throttle", cause);
    }
}
