package health.securevisit.identity.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** Growing waits and temporary locks, per account and per source. */
class LoginThrottleTests {

    static final class MovableClock extends Clock {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }
    }

    final MovableClock clock = new MovableClock();
    final LoginThrottle throttle = new LoginThrottle(
            new IdentitySettings.Throttle(
                    3, 6, 5, 8, Duration.ofSeconds(30), Duration.ofMinutes(15), Duration.ofMinutes(15)),
            clock);

    @Test
    void waitsGrowAfterTheFreeFailuresThenTheAccountLocks() {
        for (int i = 0; i < 3; i++) {
            throttle.check("alice", "10.0.0." + i);
            assertThat(throttle.failure("alice", "10.0.0." + i)).isEmpty();
        }
        throttle.check("alice", "10.0.0.9");
        throttle.failure("alice", "10.0.0.9"); // 4th: wait 1 s
        assertWait(Duration.ofSeconds(1));
        clock.advance(Duration.ofSeconds(1));
        throttle.failure("alice", "10.0.0.9"); // 5th: wait 2 s
        assertWait(Duration.ofSeconds(2));
        clock.advance(Duration.ofSeconds(2));
        assertThat(throttle.failure("alice", "10.0.0.9")) // 6th: locked
                .containsExactly(new LoginThrottle.Locked("account", "alice"));
        assertWait(Duration.ofMinutes(15));
        clock.advance(Duration.ofMinutes(15));
        throttle.check("alice", "10.0.0.9");
    }

    @Test
    void unknownAndKnownNamesAreThrottledAlike() {
        for (int i = 0; i < 6; i++) {
            clock.advance(Duration.ofMinutes(1));
            throttle.failure("no-such-user", "10.1.0." + i);
        }
        assertThatThrownBy(() -> throttle.check("No-Such-User", "10.9.9.9"))
                .isInstanceOf(TooManyAttemptsException.class);
    }

    @Test
    void aSourceIsThrottledAcrossAccounts() {
        for (int i = 0; i < 7; i++) {
            clock.advance(Duration.ofMinutes(1));
            throttle.failure("user" + i, "192.0.2.1");
        }
        assertThat(throttle.failure("user7", "192.0.2.1")).contains(new LoginThrottle.Locked("source", "192.0.2.1"));
        assertThatThrownBy(() -> throttle.check("someone-else", "192.0.2.1"))
                .isInstanceOf(TooManyAttemptsException.class);
        throttle.check("someone-else", "192.0.2.2");
    }

    @Test
    void successClearsTheAccountAndOldFailuresAreForgotten() {
        throttle.failure("bob", "10.0.0.1");
        throttle.failure("bob", "10.0.0.1");
        throttle.failure("bob", "10.0.0.1");
        throttle.success("bob");
        throttle.failure("bob", "10.0.0.2");
        throttle.check("bob", "10.0.0.2");
        throttle.failure("bob", "10.0.0.2");
        throttle.failure("bob", "10.0.0.2");
        clock.advance(Duration.ofMinutes(16));
        throttle.failure("bob", "10.0.0.3");
        throttle.check("bob", "10.0.0.3");
    }

    private void assertWait(Duration expected) {
        assertThatThrownBy(() -> throttle.check("alice", "10.0.0.77"))
                .isInstanceOfSatisfying(
                        TooManyAttemptsException.class,
                        e -> assertThat(e.retryAfter()).isEqualTo(expected));
    }
}
