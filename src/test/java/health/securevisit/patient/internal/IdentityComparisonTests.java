package health.securevisit.patient.internal;

import static org.assertj.core.api.Assertions.assertThat;

import health.securevisit.patient.DataPoint;
import health.securevisit.patient.IdentityCheck;
import health.securevisit.patient.PatientRecord;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class IdentityComparisonTests {

    final PatientRecord chart = new PatientRecord(
            UUID.randomUUID(),
            "AB-12",
            "María José García",
            LocalDate.of(1975, 12, 1),
            null,
            "+34 600 11 22 33",
            null,
            null,
            Instant.EPOCH,
            Instant.EPOCH);

    @Test
    void matchesAfterNormalisation() {
        IdentityCheck check = IdentityComparison.compare(
                chart,
                Map.of(
                        DataPoint.FULL_NAME, "MARIA JOSE GARCIA",
                        DataPoint.DATE_OF_BIRTH, " 1975-12-01 ",
                        DataPoint.PHONE, "34-600-112-233",
                        DataPoint.MRN, "ab-12",
                        DataPoint.PHOTO_ID_INSPECTED, "TRUE"));
        assertThat(check.matched()).hasSize(5);
        assertThat(check.mismatched()).isEmpty();
        assertThat(check.verified(2)).isTrue();
    }

    @Test
    void dataPointsTheChartLacksEmptyEntriesAndOtherValuesMismatch() {
        IdentityCheck check = IdentityComparison.compare(
                chart,
                Map.of(
                        DataPoint.ADDRESS, "1 Main St", // the chart has no address
                        DataPoint.FULL_NAME, "  ",
                        DataPoint.DATE_OF_BIRTH, "1975-01-12",
                        DataPoint.PHONE, "600 11 22 33", // without the country code it was entered with
                        DataPoint.MRN, "AB-13",
                        DataPoint.PHOTO_ID_INSPECTED, "yes"));
        assertThat(check.matched()).isEmpty();
        assertThat(check.mismatched()).hasSize(6);
    }

    @Test
    void oneMismatchKeepsItUnverified() {
        IdentityCheck check = IdentityComparison.compare(
                chart,
                Map.of(
                        DataPoint.FULL_NAME,
                        "maria jose garcia",
                        DataPoint.MRN,
                        "AB-12",
                        DataPoint.DATE_OF_BIRTH,
                        "1975-12-02"));
        assertThat(check.matched()).containsExactlyInAnyOrder(DataPoint.FULL_NAME, DataPoint.MRN);
        assertThat(check.mismatched()).containsExactly(DataPoint.DATE_OF_BIRTH);
        assertThat(check.verified(2)).isFalse();
    }
}
