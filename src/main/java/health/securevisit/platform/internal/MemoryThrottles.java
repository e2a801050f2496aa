package health.securevisit.platform.internal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import health.securevisit.platform.Throttle;
import health.securevisit.platform.ThrottleRule;
import health.securevisit.platform.Throttles;
import health.securevisit.platform.TooManyAttemptsException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Throttles in this node's memory: one bounded Caffeine cache per throttle, whose entries expire
 * when their window and wait are both over, timed by the application's clock.
 */
@Component
class MemoryThrottles implements Throttles {

    private final Clock clock;

    MemoryThrottles(Clock clock) {
        this.clock = clock;
    }

    @Override
    public Throttle create(String name, ThrottleRule rule) {
        return new MemoryThrottle(rule, clock);
    }

    /** One key's count: failures since {@code windowStart}; refused before {@code notBefore}. */
    record State(int failures, Instant windowStart, Instant notBefore) {

        Instant expiresAt(Duration window) {
            Instant end = windowStart.plus(window);
            return end.isAfter(notBefore) ? end : notBefore;
        }
    }

    /** {@code old} (or none) after one more failure at {@code now} under {@code rule}: shared with the cluster stores. */
    static State counted(ThrottleRule rule, @Nullable State old, Instant now) {
        boolean fresh = old == null
                || (!now.isBefore(old.notBefore())
                        && (old.failures() >= rule.lockAfter() || !now.isBefore(old.expiresAt(rule.window()))));
        int failures = fresh ? 1 : old.failures() + 1;
        Instant start = fresh ? now : old.windowStart();
        if (failures >= rule.lockAfter()) {
            return new State(failures, start, now.plus(rule.lockFor()));
        }
        Instant notBefore =
                failures > rule.freeFailures() ? now.plus(delay(rule, failures - rule.freeFailures())) : now;
        return new State(failures, start, notBefore);
    }

    /** @throws TooManyAttemptsException with the longest wait if any of {@code keys} ({@code read}) must wait */
    static void refuseWaiting(Instant now, String[] keys, Function<String, @Nullable State> read) {
        Duration wait = Duration.ZERO;
        for (String key : keys) {
            State s = read.apply(key);
            if (s != null && now.isBefore(s.notBefore())) {
                Duration d = Duration.between(now, s.notBefore());
                wait = d.compareTo(wait) > 0 ? d : wait;
            }
        }
        if (!wait.isZero()) {
            throw new TooManyAttemptsException(wait);
        }
    }

    private static Duration delay(ThrottleRule rule, int excess) {
        Duration d = Duration.ofSeconds(1L << Math.min(excess - 1, 20));
        return d.compareTo(rule.maxDelay()) > 0 ? rule.maxDelay() : d;
    }

    static final class MemoryThrottle implements Throttle {

        private final ThrottleRule rule;
        private final Clock clock;
        private final Cache<String, State> states;

        MemoryThrottle(ThrottleRule rule, Clock clock) {
            this.rule = rule;
            this.clock = clock;
            this.states = Caffeine.newBuilder()
                    .maximumSize(rule.maxKeys())
                    .executor(Runnable::run)
                    .ticker(() -> TimeUnit.MILLISECONDS.toNanos(clock.millis()))
                    .expireAfter(new Expiry<String, State>() {
                        @Override
                        public long expireAfterCreate(String key, State state, long now) {
                            return remaining(state);
                        }

                        @Override
                        public long expireAfterUpdate(String key, State state, long now, long current) {
                            return remaining(state);
                        }

                        @Override
                        public long expireAfterRead(String key, State state, long now, long current) {
                            return current;
                        }
                    })
                    .build();
        }

        @Override
        public void check(String... keys) {
            refuseWaiting(clock.instant(), keys, states::getIfPresent);
        }

        @Override
        public boolean failure(String key) {
            Instant now = clock.instant();
            State next = states.asMap().compute(key, (k, old) -> counted(old, now));
            return next.failures() == rule.lockAfter();
        }

        @Override
        public boolean acquire(String key) {
            Instant now = clock.instant();
            Duration[] wait = {Duration.ZERO};
            State next = states.asMap().compute(key, (k, old) -> {
                if (old != null && now.isBefore(old.notBefore())) {
                    wait[0] = Duration.between(now, old.notBefore());
                    return old;
                }
                return counted(old, now);
            });
            if (!wait[0].isZero()) {
                throw new TooManyAttemptsException(wait[0]);
            }
            return next.failures() == rule.lockAfter();
        }

        @Override
        public int failures(String key) {
            State s = states.getIfPresent(key);
            return s == null ? 0 : s.failures();
        }

        @Override
        public void clear(String key) {
            states.invalidate(key);
        }

        private State counted(@Nullable State old, Instant now) {
            return MemoryThrottles.counted(rule, old, now);
        }

        private long remaining(State state) {
            long millis = Duration.between(clock.instant(), state.expiresAt(rule.window()))
                    .toMillis();
            return TimeUnit.MILLISECONDS.toNanos(Math.max(1, millis));
        }
    }
}
