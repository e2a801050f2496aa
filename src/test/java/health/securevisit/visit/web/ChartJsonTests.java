package health.securevisit.visit.web;

import static org.assertj.core.api.Assertions.assertThat;

import health.securevisit.patient.PatientRecord;
import health.securevisit.visit.web.VisitViews.ChartView;
import health.securevisit.visit.web.VisitViews.HistoryItem;
import health.securevisit.visit.web.VisitViews.Verification;
import health.securevisit.visit.web.VisitViews.VisitView;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.mock.web.MockHttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

/**
 * The chart's hand-written writer gives exactly the JSON of Jackson's record serialization, and leaves
 * the response to the container.
 */
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
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ChartJson.write(chart, out);
        String written = out.toString(StandardCharsets.UTF_8);

        assertThat(written).isEqualTo(records);
        assertThat(records).contains("\"fullName\":").contains("\"history\":[");
    }

    @Test
    void neitherFlushesNorClosesTheStream() {
        // A flush would commit the answer without its length (the container would send it in chunks);
        // a close would end it before the filters are done with it.
        class Watched extends ByteArrayOutputStream {
            boolean flushed;
            boolean closed;

            @Override
            public void flush() {
                flushed = true;
            }

            @Override
            public void close() {
                closed = true;
            }
        }
        Watched out = new Watched();

        ChartJson.write(charts().get(0), out);

        assertThat(out.size()).isPositive();
        assertThat(out.flushed).isFalse();
        assertThat(out.closed).isFalse();
    }

    @Test
    void writesTheAnswerAsJsonAndLeavesItToTheContainer() throws Exception {
        ChartView chart = charts().get(0);
        MockHttpServletResponse response = new MockHttpServletResponse();

        ChartJson.write(chart, response);

        assertThat(response.getContentType()).isEqualTo("application/json");
        assertThat(response.getContentAsString(StandardCharsets.UTF_8))
                .isEqualTo(JsonMapper.builder().build().writeValueAsString(chart));
        assertThat(response.isCommitted()).isFalse();
    }
}
