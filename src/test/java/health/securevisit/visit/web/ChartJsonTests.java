package health.securevisit.visit.web;

import static org.assertj.core.api.Assertions.assertThat;

import health.securevisit.patient.PatientRecord;
import health.securevisit.visit.web.VisitViews.ChartView;
import health.securevisit.visit.web.VisitViews.HistoryItem;
import health.securevisit.visit.web.VisitViews.Verification;
import health.securevisit.visit.web.VisitViews.VisitView;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.json.JsonMapper;

/** The chart's hand-written writer gives exactly the JSON of Jackson's record serialization. */
class ChartJsonTests {

    static final Instant T = Instant.parse("2026-11-29T01:29:23.131292Z");

    static List<ChartView> charts() {
        UUID patient = UUID.randomUUID();
        UUID visit = UUID.randomUUID();
        PatientRecord full = new PatientRecord(
                patient,
                "MRN-\"1\"",
                "Zoë O'Brien \\ Ng",
                LocalDate.of(1970, 1, 2),
                "1 Main St\nApt 2",
                "+1 555 0100",
                "zoe@example.org",
                "INS-9",
                T,
                T.plusSeconds(3600));
        PatientRecord sparse =
                new PatientRecord(patient, "M2", "A B", LocalDate.of(2001, 12, 31), null, null, null, null, T, T);
        VisitView verified = new VisitView(
                visit,
                patient,
                List.of(UUID.randomUUID(), UUID.randomUUID()),
                T,
                T.plusSeconds(1800),
                30,
                "VIDEO",
                "IDENTITY_VERIFIED",
                true,
                false,
                Instant.parse("2026-01-01T00:00:00Z"));
        VisitView waiting = new VisitView(
                visit,
                patient,
                List.of(UUID.randomUUID()),
                T,
                T.plusSeconds(60),
                1,
                "PHONE",
                "WAITING",
                false,
                true,
                T);
        List<HistoryItem> history = List.of(
                new HistoryItem(visit, T, T.plusSeconds(1800), "VIDEO", "IDENTITY_VERIFIED"),
                new HistoryItem(UUID.randomUUID(), T.minusSeconds(86_400), T, "IN_PERSON", "ENDED"));
        return List.of(
                new ChartView(
                        full,
                        verified,
                        new Verification(T, UUID.randomUUID(), List.of("fullName", "dateOfBirth", "photoIdInspected")),
                        history),
                new ChartView(sparse, waiting, new Verification(null, null, List.of()), List.of()));
    }

    @ParameterizedTest
    @MethodSource("charts")
    void writesWhatRecordSerializationWrites(ChartView chart) {
        String records = JsonMapper.builder().build().writeValueAsString(chart);
        String written = JsonMapper.builder().addModule(new ChartJson()).build().writeValueAsString(chart);

        assertThat(written).isEqualTo(records);
        assertThat(records).contains("\"fullName\":").contains("\"history\":[");
    }
}
