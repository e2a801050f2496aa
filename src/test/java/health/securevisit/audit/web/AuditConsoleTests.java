package health.securevisit.audit.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import health.securevisit.audit.AuditEvent;
import health.securevisit.audit.AuditTrail;
import health.securevisit.audit.Outcome;
import health.securevisit.audit.PurposeOfUse;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.security.test.context.support.WithAnonymousUser;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

/** The auditor console pages: content, no inline script or style (CSP), roles, and auditing. */
@SpringBootTest(
        properties = {
            "securevisit.data-dir=target/test-data/${random.uuid}",
            "server.port=0",
            "securevisit.audit.checkpoint-interval=50ms"
        })
@AutoConfigureMockMvc
class AuditConsoleTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    AuditTrail trail;

    String html(String url) throws Exception {
        MvcResult r = mvc.perform(get(url)).andReturn();
        assertThat(r.getResponse().getStatus()).as(url).isEqualTo(200);
        assertThat(r.getResponse().getContentType()).startsWith("text/html");
        String body = r.getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(body)
                .doesNotContain("<script")
                .doesNotContain("<style")
                .doesNotContain(" style=")
                .doesNotContain(" onclick=")
                .doesNotContain("http://")
                .contains("<link rel=\"stylesheet\" href=\"/css/console.css\">");
        return body;
    }

    @Test
    @WithMockUser(username = "olivia", roles = "SECURITY_OFFICER")
    void searchShowsEntriesCheckpointAndLastVerification() throws Exception {
        String patient = "p-" + UUID.randomUUID();
        long seq = trail.record(AuditEvent.builder("chart.read", Outcome.DENIED, PurposeOfUse.TREATMENT)
                        .actor("dr-<b>x</b>", "CLINICIAN")
                        .patient(patient)
                        .reason("outside-visit-window")
                        .build())
                .sequence();
        Thread.sleep(300); // a checkpoint is signed every 50 ms in this test
        String page = html("/console/audit?patientId=" + patient);
        assertThat(page)
                .contains("outside-visit-window")
                .contains("dr-&lt;b&gt;x&lt;/b&gt;")
                .doesNotContain("dr-<b>")
                .contains("href=\"/console/audit/events/" + seq + "\"")
                .contains("Latest checkpoint")
                .contains("Last verification");

        String entry = html("/console/audit/events/" + seq);
        assertThat(entry)
                .contains("Inclusion proof")
                .contains("class=\"tree-size\"")
                .contains(patient);

        String audited = html("/console/audit?userId=olivia");
        assertThat(audited).contains("audit.search").contains("audit.read");
    }

    @Test
    @WithAnonymousUser
    void theStylesheetIsServedFromThisOrigin() throws Exception {
        MvcResult r = mvc.perform(get("/css/console.css")).andReturn();
        assertThat(r.getResponse().getStatus()).isEqualTo(200);
        assertThat(r.getResponse().getContentType()).startsWith("text/css");
    }

    @Test
    @WithMockUser(username = "carol", roles = "CLINICIAN")
    void cliniciansAreForbidden() throws Exception {
        assertThat(mvc.perform(get("/console/audit")).andReturn().getResponse().getStatus())
                .isEqualTo(403);
    }

    @Test
    @WithAnonymousUser
    void anonymousVisitorsAreAskedToAuthenticate() throws Exception {
        MvcResult r = mvc.perform(get("/console/audit")).andReturn();
        assertThat(r.getResponse().getStatus()).isEqualTo(401);
        assertThat(r.getResponse().getContentAsString(StandardCharsets.UTF_8)).doesNotContain("Audit trail");
    }

    @Test
    @WithMockUser(username = "alice", roles = "AUDITOR")
    void badSearchInputIsAProblemNotAPage() throws Exception {
        MvcResult r = mvc.perform(get("/console/audit").param("patientId", "Jane Doe"))
                .andReturn();
        assertThat(r.getResponse().getStatus()).isEqualTo(400);
        assertThat(r.getResponse().getContentAsString(StandardCharsets.UTF_8)).doesNotContain("Jane");
    }
}
