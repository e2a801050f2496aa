package health.securevisit.platform.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import health.securevisit.platform.Throttle;
import health.securevisit.platform.ThrottleRule;
import health.securevisit.platform.TooManyAttemptsException;
import health.securevisit.support.MovableClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The one throttle: growing waits, locks, windows, plain rates and bounded memory, on a moved clock. */
class MemoryThrottlesTests {

    final MovableClock clock = new MovableClock();
    final MemoryThrottles throttles = new MemoryThrottles(clock);
    final Throttle throttle = throttles.create(
            "test", ThrottleRule.of(3, 6, Duration.ofSeconds(30), Duration.ofMinutes(15), Duration.ofMinutes(15)));

    @Test
    void waitsGrowAfterTheFreeFailuresThenTheKeyLocks() {
        for (int i = 0; i < 3; i++) {
            throttle.check("alice");
            assertThat(throttle.failure("alice")).isFalse();
        }
        throttle.check("alice");
        throttle.failure("alice"); // 4th: wait 1 s
        assertWait("alice", Duration.ofSeconds(1));
        clock.advance(Duration.ofSeconds(1));
        throttle.failure("alice"); // 5th: wait 2 s
        assertWait("alice", Duration.ofSeconds(2));
        clock.advance(Duration.ofSeconds(2));
        assertThat(throttle.failure("alice")).isTrue(); // 6th: locked
        assertWait("alice", Duration.ofMinutes(15));
        assertThat(throttle.failure("alice")).as("a lock is reported once").isFalse();
        clock.advance(Duration.ofMinutes(15));
        throttle.check("alice");
        assertThat(throttle.failures("alice")).isZero();
    }

    @Test
    void acquireCountsBeforeTheGuessAndCountsNothingWhileTheKeyWaits() {
        for (int i = 0; i < 3; i++) {
            assertThat(throttle.acquire("alice")).isFalse();
        }
        throttle.acquire("alice"); // 4th: counted, the next waits 1 s
        assertThatThrownBy(() -> throttle.acquire("alice")).isInstanceOf(TooManyAttemptsException.class);
        assertThat(throttle.failures("alice"))
                .as("a refused attempt is not counted")
                .isEqualTo(4);
        clock.advance(Duration.ofSeconds(1));
        throttle.acquire("alice");
        clock.advance(Duration.ofSeconds(2));
        assertThat(throttle.acquire("alice")).as("the 6th attempt locks").isTrue();
        assertWait("alice", Duration.ofMinutes(15));
        throttle.clear("bob");
        assertThat(throttle.acquire("bob")).isFalse();
        throttle.clear("bob");
        assertThat(throttle.failures("bob")).as("a success clears its attempt").isZero();
    }

    @Test
    void otherKeysAreNotAffectedAndTheLongestWaitIsReported() {
        for (int i = 0; i < 6; i++) {
            throttle.failure("alice");
        }
        throttle.check("bob");
        assertThatThrownBy(() -> throttle.check("bob", "alice"))
                .isInstanceOfSatisfying(
                        TooManyAttemptsException.class,
                        e -> assertThat(e.retryAfter()).isEqualTo(Duration.ofMinutes(15)));
    }

    @Test
    void failuresAreForgottenAfterTheWindowAndOnClear() {
        throttle.failure("carol");
        throttle.failure("carol");
        throttle.failure("carol");
        clock.advance(Duration.ofMinutes(16));
        assertThat(throttle.failure("carol")).isFalse();
        assertThat(throttle.failures("carol")).isEqualTo(1);
        throttle.failure("carol");
        throttle.clear("carol");
        assertThat(throttle.failures("carol")).isZero();
    }

    @Test
    void aPlainRateRefusesTheAttemptBeyondTheLimitUntilTheWindowEnds() {
        Throttle join = throttles.create("join", ThrottleRule.perWindow(2, Duration.ofMinutes(1)));
        join.attempt("10.0.0.1");
        join.attempt("10.0.0.1");
        assertThatThrownBy(() -> join.attempt("10.0.0.1"))
                .isInstanceOfSatisfying(
                        TooManyAttemptsException.class,
                        e -> assertThat(e.retryAfter()).isPositive().isLessThanOrEqualTo(Duration.ofMinutes(1)));
        assertThatThrownBy(() -> join.attempt("10.0.0.1")).isInstanceOf(TooManyAttemptsException.class);
        join.attempt("10.0.0.2");
        clock.advance(Duration.ofSeconds(61));
        join.attempt("10.0.0.1");
    }

    @Test
    void memoryStaysWithinTheRulesBound() {
        Throttle small = throttles.create(
                "small",
                new ThrottleRule(0, 100, Duration.ofSeconds(1), Duration.ofMinutes(1), Duration.ofMinutes(1), 100));
        for (int i = 0; i < 10_000; i++) {
            small.failure("flood-" + i);
        }
        long kept = 0;
        for (int i = 0; i < 10_000; i++) {
            kept += small.failures("flood-" + i) > 0 ? 1 : 0;
        }
        assertThat(kept).isLessThanOrEqualTo(200);
    }

    @Test
    void rulesRefuseNonsense() {
        assertThatThrownBy(() ->
                        ThrottleRule.of(5, 5, Duration.ofSeconds(1), Duration.ofMinutes(1), Duration.ofMinutes(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ThrottleRule.of(1, 5, Duration.ZERO, Duration.ofMinutes(1), Duration.ofMinutes(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private void assertWait(String key, Duration expected) {
        assertThatThrownBy(() -> throttle.check(key))
                .isInstanceOfSatisfying(
                        TooManyAttemptsException.class,
                        e -> assertThat(e.retryAfter()).isEqualTo(expected));
    }
}
