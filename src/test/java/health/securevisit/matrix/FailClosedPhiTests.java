package health.securevisit.matrix;

import static health.securevisit.support.Workforce.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import health.securevisit.support.Clinic;
import health.securevisit.support.RunningServer;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Invariant 1 on the PHI endpoints: no PHI leaves without a durable audit record of the access. The
 * audit store is broken for real (the tree head every commit locks is renamed away): the chart read
 * and every other decided request answer 503 {@code audit-unavailable} and release nothing, allowed
 * or denied alike; once the store is repaired they answer again.
 */
class FailClosedPhiTests {

    static final RunningServer server = RunningServer.start(Map.of("audit.record-timeout", "3s"));

    @AfterAll
    static void stop() {
        server.close();
    }

    static void sql(String statement) throws SQLException {
        try (Connection c = server.context().getBean(DataSource.class).getConnection();
                Statement s = c.createStatement()) {
            s.execute(statement);
        }
    }

    @Test
    void phiRequestsFailWith503AndReleaseNothingWhileTheTrailCannotWrite() throws Exception {
        Clinic clinic = Clinic.withVerifiedVisit(server);
        assertThat(clinic.clinician().get(clinic.chartPath()).body()).contains(clinic.fullName());

        sql("ALTER TABLE audit_head RENAME TO audit_head_broken");
        try {
            // The break shows at the next record: at once with group commit (PostgreSQL); on the
            // embedded database that read's record is journaled, so durable, and the journal's failed
            // index commit then refuses every record after it.
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> clinic.clinician().get(clinic.chartPath()).statusCode() == 503);
            List<HttpResponse<String>> answers = List.of(
                    clinic.clinician().get(clinic.chartPath()),
                    clinic.clinician().get("/api/v1/patients/" + clinic.patientId()),
                    clinic.staff().get("/api/v1/patients/" + clinic.patientId()),
                    // A denial must be audited too: without its record it fails the same way.
                    clinic.staff().get(clinic.chartPath()));
            for (HttpResponse<String> answer : answers) {
                assertThat(answer.statusCode()).as(answer.uri().toString()).isEqualTo(503);
                assertThat(answer.headers().firstValue("Content-Type").orElseThrow())
                        .startsWith("application/problem+json");
                assertThat(json(answer).path("code").asString()).isEqualTo("audit-unavailable");
                // Only the problem: no patient field (the request's own path is echoed as "instance").
                assertThat(answer.body())
                        .doesNotContain(clinic.fullName())
                        .doesNotContain(Clinic.DATE_OF_BIRTH)
                        .doesNotContain("\"patient\"", "\"mrn\"", "\"fullName\"");
            }
        } finally {
            sql("ALTER TABLE audit_head_broken RENAME TO audit_head");
        }
        // Repaired: the index commits again at its next attempt (every 100 ms on the embedded database).
        HttpResponse<String> again = await().atMost(Duration.ofSeconds(10))
                .until(() -> clinic.clinician().get(clinic.chartPath()), r -> r.statusCode() == 200);
        assertThat(again.body()).contains(clinic.fullName());
    }
}
