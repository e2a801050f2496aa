package health.securevisit.detection;

import static health.securevisit.support.Workforce.body;
import static health.securevisit.support.Workforce.expect;
import static health.securevisit.support.Workforce.json;
import static org.assertj.core.api.Assertions.assertThat;

import health.securevisit.audit.AuditEvent;
import health.securevisit.audit.AuditRecord;
import health.securevisit.audit.AuditTrail;
import health.securevisit.audit.Outcome;
import health.securevisit.audit.PurposeOfUse;
import health.securevisit.detection.internal.DetectionRunner;
import health.securevisit.support.RunningServer;
import health.securevisit.support.Workforce;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;

/**
 * Detection on a real server: audit entries written through the trail become alerts (deduplicated,
 * linked to their entries), officers list, filter and move them (each change audited), rule files
 * are refused with their line while the others keep running. Runs on H2 and on PostgreSQL.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class DetectionServerTests {

    abstract RunningServer server();

    Workforce officer;
    String officerId;

    @BeforeAll
    void signIn() {
        Workforce.Account account = Workforce.newAccount(server(), Workforce.unique("officer"), "SECURITY_OFFICER");
        officerId = account.id();
        officer = Workforce.on(server()).signIn(account);
    }

    AuditRecord record(String action, Outcome outcome, String actor, String patient) {
        return server().context()
                .getBean(AuditTrail.class)
                .record(AuditEvent.builder(action, outcome, PurposeOfUse.EMERGENCY)
                        .actor(actor, "CLINICIAN")
                        .resource("patient", patient)
                        .patient(patient)
                        .build());
    }

    void evaluate() {
        server().context().getBean(health.securevisit.audit.AuditIndex.class).awaitIndexed();
        server().context().getBean(DetectionRunner.class).catchUp();
    }

    JsonNode alertsOf(String actor) {
        JsonNode page = json(expect(officer.get("/api/v1/detection/alerts?kind=break-glass-use&size=200"), 200));
        for (JsonNode a : page.path("alerts")) {
            if (a.path("actorId").asString().equals(actor)) {
                return a;
            }
        }
        return null;
    }

    @Test
    void aBreakGlassEntryBecomesOneDeduplicatedAlertLinkedToItsEntries() {
        String actor = UUID.randomUUID().toString();
        String patient = UUID.randomUUID().toString();
        AuditRecord first = record("access.break-glass", Outcome.SUCCESS, actor, patient);
        AuditRecord second = record("access.break-glass", Outcome.SUCCESS, actor, patient);
        record("access.break-glass", Outcome.DENIED, actor, patient);
        evaluate();
        JsonNode listed = alertsOf(actor);
        assertThat(listed).isNotNull();
        assertThat(listed.path("severity").asString()).isEqualTo("HIGH");
        assertThat(listed.path("status").asString()).isEqualTo("OPEN");
        JsonNode alert = json(expect(
                officer.get("/api/v1/detection/alerts/" + listed.path("id").asString()), 200));
        assertThat(alert.path("linkedEntries").valueStream().map(JsonNode::asLong))
                .containsExactly(first.sequence(), second.sequence());
        evaluate();
        assertThat(json(expect(
                                officer.get("/api/v1/detection/alerts/"
                                        + listed.path("id").asString()),
                                200))
                        .path("linkedEntries")
                        .size())
                .isEqualTo(2);
    }

    @Test
    void officersMoveAndAssignAlertsAndEachChangeIsAudited() {
        String actor = UUID.randomUUID().toString();
        record("access.break-glass", Outcome.SUCCESS, actor, UUID.randomUUID().toString());
        evaluate();
        String id = alertsOf(actor).path("id").asString();
        String path = "/api/v1/detection/alerts/" + id;
        expect(officer.post(path + "/status", body("status", "ACKNOWLEDGED")), 200);
        expect(officer.post(path + "/assignee", body("assignee", officerId)), 200);
        JsonNode moved = json(expect(officer.post(path + "/status", body("status", "RESOLVED")), 200));
        assertThat(moved.path("status").asString()).isEqualTo("RESOLVED");
        assertThat(moved.path("assignee").asString()).isEqualTo(officerId);
        JsonNode refused = json(expect(officer.post(path + "/status", body("status", "INVESTIGATING")), 409));
        assertThat(refused.path("code").asString()).isEqualTo("alert-transition-refused");
        expect(
                officer.post(
                        path + "/assignee", body("assignee", UUID.randomUUID().toString())),
                400);
        expect(officer.post(path + "/status", body("status", "DONE")), 400);
        expect(officer.post(path + "/status", body("status", "OPEN", "extra", 1)), 400);
        expect(officer.get("/api/v1/detection/alerts/" + UUID.randomUUID()), 404);
        JsonNode filtered =
                json(expect(officer.get("/api/v1/detection/alerts?status=RESOLVED&assignee=" + officerId), 200));
        assertThat(filtered.path("alerts").valueStream().map(a -> a.path("id").asString()))
                .contains(id);
        expect(officer.get("/api/v1/detection/alerts?severity=bad;drop"), 400);

        JsonNode trail = json(expect(officer.get("/api/v1/audit/events?userId=" + officerId + "&size=50"), 200));
        assertThat(trail.toString())
                .contains("security-alert.update", "security-alert.assign", "transition-refused", "RESOLVED");
    }

    @Test
    void aBadRuleFileIsRefusedWithItsLineAndTheOthersKeepRunning() {
        String bad = "title: t\nid: org-bad\nlevel: low\ndetection:\n  sel:\n    actionn: x\n  condition: sel\n";
        JsonNode problem =
                json(expect(officer.putText("/api/v1/detection/rules/org-bad", "application/yaml", bad), 400));
        assertThat(problem.path("code").asString()).isEqualTo("detection-rule-invalid");
        assertThat(problem.path("detail").asString()).contains("line 6", "unknown field");
        String good = bad.replace("actionn", "action").replace("org-bad", "org-good");
        JsonNode view =
                json(expect(officer.putText("/api/v1/detection/rules/org-good", "application/yaml", good), 200));
        assertThat(view.path("rules").valueStream().map(r -> r.path("id").asString()))
                .contains("org-good", "break-glass-use", "mfa-failures");
        assertThat(server().dataDir().resolve("detection/rules/org-bad.yml")).doesNotExist();
    }

    @Test
    void onlySecurityOfficersSeeAlerts() {
        Workforce clinician =
                Workforce.on(server()).signIn(Workforce.newAccount(server(), Workforce.unique("clin"), "CLINICIAN"));
        expect(clinician.get("/api/v1/detection/alerts"), 403);
        expect(Workforce.on(server()).get("/api/v1/detection/alerts"), 401);
    }
}
