package health.securevisit.visit.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import health.securevisit.platform.StartupException;
import org.junit.jupiter.api.Test;

/** Settings are refused at start with one line naming the variable. */
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
}
