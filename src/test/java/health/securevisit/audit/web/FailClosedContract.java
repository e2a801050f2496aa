package health.securevisit.audit.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import health.securevisit.audit.AuditEvent;
import health.securevisit.audit.AuditTrail;
import health.securevisit.audit.AuditUnavailableException;
import health.securevisit.audit.Outcome;
import health.securevisit.audit.PurposeOfUse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

/**
 * Fail closed: when the audit store cannot write, a request whose response needs an audit record (a
 * search of the trail, PHI-like: it lists who saw which patient) fails with 503 problem+json
 * {@code audit-unavailable} and releases nothing; when the store is repaired, it works again. The
 * store is broken for real: the tree head table that every commit locks is renamed away.
 */
abstract class FailClosedContract {

    @Autowired
    MockMvc mvc;

    @Autowired
    AuditTrail trail;

    @Autowired
    DataSource dataSource;

    void sql(String statement) throws Exception {
        try (Connection c = dataSource.getConnection();
                Statement s = c.createStatement()) {
            s.execute(statement);
        }
    }

    /** True if the trail refuses the event (it cannot write). */
    boolean refused(AuditEvent event) {
        try {
            trail.record(event);
            return false;
        } catch (AuditUnavailableException e) {
            return true;
        }
    }

    static AuditEvent access(String patient) {
        return AuditEvent.builder("chart.read", Outcome.SUCCESS, PurposeOfUse.TREATMENT)
                .actor("dr-who", "CLINICIAN")
                .patient(patient)
                .build();
    }

    @Test
    void runsOnTheIntendedDatabase() throws Exception {
        try (Connection c = dataSource.getConnection()) {
            assertThat(c.getMetaData().getDatabaseProductName()).isEqualTo(expectedDatabase());
        }
    }

    abstract String expectedDatabase();

    @Test
    @WithMockUser(username = "alice", roles = "AUDITOR")
    void auditedRequestFailsWith503AndReleasesNothingWhileTheStoreCannotWrite() throws Exception {
        String patient = "p-" + UUID.randomUUID();
        long before = trail.record(access(patient)).sequence() + 1;
        String url = "/api/v1/audit/events?patientId=" + patient + "&before=" + before;
        assertThat(mvc.perform(get(url)).andReturn().getResponse().getStatus()).isEqualTo(200);

        sql("ALTER TABLE audit_head RENAME TO audit_head_broken");
        try {
            // The break shows at the next record: at once with group commit (PostgreSQL); on the
            // embedded database that record is journaled, so durable, and the journal's failed index
            // commit then refuses every record after it.
            await().atMost(Duration.ofSeconds(10)).until(() -> refused(access(patient)));
            MvcResult r = mvc.perform(get(url)).andReturn();
            String body = r.getResponse().getContentAsString(StandardCharsets.UTF_8);
            assertThat(r.getResponse().getStatus()).isEqualTo(503);
            assertThat(r.getResponse().getContentType()).startsWith("application/problem+json");
            assertThat(body)
                    .contains("\"code\":\"audit-unavailable\"")
                    .doesNotContain(patient)
                    .doesNotContain("dr-who");
            assertThatThrownBy(() -> trail.record(access(patient))).isInstanceOf(AuditUnavailableException.class);
        } finally {
            sql("ALTER TABLE audit_head_broken RENAME TO audit_head");
        }
        // Repaired: the index commits again at its next attempt (every 100 ms on the embedded database).
        MvcResult again = await().atMost(Duration.ofSeconds(10))
                .pollInSameThread() // the mock user is this thread's
                .until(
                        () -> mvc.perform(get(url)).andReturn(),
                        m -> m.getResponse().getStatus() == 200);
        assertThat(again.getResponse().getContentAsString(StandardCharsets.UTF_8))
                .contains("dr-who");
    }
}
