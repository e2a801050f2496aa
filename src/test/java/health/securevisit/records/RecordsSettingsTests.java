package health.securevisit.records;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import health.securevisit.platform.StartupException;
import health.securevisit.records.internal.RecordsSettings;
import java.time.Duration;
import java.time.Period;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

class RecordsSettingsTests {

    static RecordsSettings settings(Period recording, String reason) {
        return new RecordsSettings(
                DataSize.ofGigabytes(4),
                DataSize.ofMegabytes(1),
                DataSize.ofMegabytes(1),
                recording,
                Period.ofYears(6),
                Period.ofYears(6),
                Period.ofYears(6),
                Period.ofYears(6),
                reason,
                Duration.ofDays(1));
    }

    @Test
    void refusesARetentionBelowTheMinimumWithoutARecordedException() {
        assertThatThrownBy(() -> settings(Period.ofYears(5), ""))
                .isInstanceOf(StartupException.class)
                .hasMessageContaining("below the legal minimum");
        settings(Period.ofYears(5), "state-law-exception");
        settings(Period.ofYears(10), "");
    }
}
