package health.securevisit.visit.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import health.securevisit.platform.StartupException;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Settings are refused at start with one line naming the variable; the join throttle counts per source. */
class VisitSettingsTests {

    @Test
    void refusesOutOfRangeSettings() {
        assertThat(new VisitSettings(3, 10, 5).identityMaxFailures()).isEqualTo(3);
        assertThatThrownBy(() -> new VisitSettings(0, 10, 5))
                .isInstanceOf(StartupException.class)
                .hasMessage("SECUREVISIT_VISIT_IDENTITY_MAX_FAILURES: must be between 1 and 10");
        assertThatThrownBy(() -> new VisitSettings(11, 10, 5)).isInstanceOf(StartupException.class);
        assertThatThrownBy(() -> new VisitSettings(3, 0, 5))
                .hasMessageStartingWith("SECUREVISIT_VISIT_JOIN_ATTEMPTS_PER_MINUTE");
        assertThatThrownBy(() -> new VisitSettings(3, 10, 0))
                .hasMessageStartingWith("SECUREVISIT_VISIT_JOIN_DOB_MAX_FAILURES");
    }

    @Test
    void throttlesJoinAttemptsPerSourceForOneMinute() {
        Instant[] now = {Instant.parse("2026-01-01T10:00:00Z")};
        JoinThrottle throttle = new JoinThrottle(2, () -> now[0]);
        throttle.attempt("10.0.0.1");
        throttle.attempt("10.0.0.1");
        assertThatThrownBy(() -> throttle.attempt("10.0.0.1"))
                .isInstanceOfSatisfying(
                        JoinThrottledException.class,
                        e -> assertThat(e.retryAfter()).isPositive().isLessThanOrEqualTo(Duration.ofMinutes(1)));
        throttle.attempt("10.0.0.2");
        now[0] = now[0].plus(Duration.ofSeconds(61));
        throttle.attempt("10.0.0.1");
    }
}
