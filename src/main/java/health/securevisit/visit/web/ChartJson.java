package health.securevisit.visit.web;

import health.securevisit.patient.PatientRecord;
import health.securevisit.visit.web.VisitViews.ChartView;
import health.securevisit.visit.web.VisitViews.HistoryItem;
import health.securevisit.visit.web.VisitViews.Verification;
import health.securevisit.visit.web.VisitViews.VisitView;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.StreamWriteFeature;
import tools.jackson.core.json.JsonFactory;

/**
 * Writes a {@link ChartView} as the chart endpoint's JSON answer, straight to the response with a
 * generator: the same JSON, property for property, as Jackson's record serialization of the view
 * (ChartJsonTests compares the two), without reflective accessor calls, Spring MVC's return value
 * handling or a serialization context around the generator. The chart is the audited read of the
 * benchmark (docs/benchmarks/chart.md), where the reflective writing of its forty properties was a
 * tenth of the request thread's work, and the machinery around a converter's writing cost more
 * than the writing itself. The OpenAPI schema still comes from the records.
 */
final class ChartJson {

    /**
     * Generators that neither close nor flush the stream they write to: the container then finishes
     * the answer with its length, as it did for answers written through Spring's converters.
     */
    private static final JsonFactory GENERATORS = JsonFactory.builder()
            .disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
            .disable(StreamWriteFeature.FLUSH_PASSED_TO_STREAM)
            .build();

    private ChartJson() {}

    /** Writes the chart as the JSON body of the response (not yet committed; the container ends it). */
    static void write(ChartView chart, HttpServletResponse response) throws IOException {
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        write(chart, response.getOutputStream());
    }

    /** Writes the chart's JSON to the stream, which is neither flushed nor closed. */
    static void write(ChartView chart, OutputStream out) {
        try (JsonGenerator g = GENERATORS.createGenerator(ObjectWriteContext.empty(), out)) {
            g.writeStartObject();
            g.writeName("patient");
            patient(g, chart.patient());
            g.writeName("visit");
            visit(g, chart.visit());
            g.writeName("identityVerification");
            verification(g, chart.identityVerification());
            g.writeName("history");
            g.writeStartArray();
            for (HistoryItem item : chart.history()) {
                history(g, item);
            }
            g.writeEndArray();
            g.writeEndObject();
        }
    }

    private static void patient(JsonGenerator g, PatientRecord p) {
        g.writeStartObject();
        string(g, "id", p.id());
        string(g, "mrn", p.mrn());
        string(g, "fullName", p.fullName());
        string(g, "dateOfBirth", p.dateOfBirth());
        string(g, "address", p.address());
        string(g, "phone", p.phone());
        string(g, "email", p.email());
        string(g, "insuranceId", p.insuranceId());
        string(g, "createdAt", p.createdAt());
        string(g, "updatedAt", p.updatedAt());
        g.writeEndObject();
    }

    private static void visit(JsonGenerator g, VisitView v) {
        g.writeStartObject();
        string(g, "id", v.id());
        string(g, "patientId", v.patientId());
        strings(g, "clinicianIds", v.clinicianIds());
        string(g, "start", v.start());
        string(g, "end", v.end());
        g.writeNumberProperty("durationMinutes", v.durationMinutes());
        string(g, "modality", v.modality());
        string(g, "status", v.status());
        g.writeBooleanProperty("identityVerified", v.identityVerified());
        g.writeBooleanProperty("flaggedForReview", v.flaggedForReview());
        string(g, "createdAt", v.createdAt());
        g.writeEndObject();
    }

    private static void verification(JsonGenerator g, Verification v) {
        g.writeStartObject();
        string(g, "verifiedAt", v.verifiedAt());
        string(g, "verifiedBy", v.verifiedBy());
        strings(g, "dataPoints", v.dataPoints());
        g.writeEndObject();
    }

    private static void history(JsonGenerator g, HistoryItem h) {
        g.writeStartObject();
        string(g, "id", h.id());
        string(g, "start", h.start());
        string(g, "end", h.end());
        string(g, "modality", h.modality());
        string(g, "status", h.status());
        g.writeEndObject();
    }

    /**
     * A property written as its value's {@code toString()}, or null: what Jackson writes for the
     * strings, UUIDs, {@code Instant}s (ISO-8601, dates not written as timestamps) and
     * {@code LocalDate}s of these views.
     */
    private static void string(JsonGenerator g, String name, @Nullable Object value) {
        g.writeName(name);
        if (value == null) {
            g.writeNull();
        } else {
            g.writeString(value.toString());
        }
    }

    private static void strings(JsonGenerator g, String name, List<?> values) {
        g.writeName(name);
        g.writeStartArray();
        for (Object value : values) {
            g.writeString(value.toString());
        }
        g.writeEndArray();
    }
}
