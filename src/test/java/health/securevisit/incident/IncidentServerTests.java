package health.securevisit.incident;

import static health.securevisit.support.Workforce.body;
import static health.securevisit.support.Workforce.expect;
import static health.securevisit.support.Workforce.json;
import static org.assertj.core.api.Assertions.assertThat;

import health.securevisit.access.IncidentId;
import health.securevisit.access.InvestigationFacts;
import health.securevisit.access.Investigations;
import health.securevisit.access.PatientId;
import health.securevisit.audit.AuditEvent;
import health.securevisit.audit.AuditIndex;
import health.securevisit.audit.AuditTrail;
import health.securevisit.audit.Outcome;
import health.securevisit.audit.PurposeOfUse;
import health.securevisit.incident.internal.IncidentService;
import health.securevisit.patient.PatientDetails;
import health.securevisit.patient.Patients;
import health.securevisit.support.RunningServer;
import health.securevisit.support.Workforce;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Incidents and drills on a real server: involved patients computed from the audit trail with their
 * state, assessment and clocks, containment carried out, the communication plan acknowledged and
 * escalated, drills on the separate drill trail. Bad input is refused with nothing half-stored.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class IncidentServerTests {

    abstract RunningServer server();

    Workforce officer;

    @BeforeAll
    void signIn() {
        officer = Workforce.on(server())
                .signIn(Workforce.newAccount(server(), Workforce.unique("ir-officer"), "SECURITY_OFFICER"));
    }

    String open(String severity) {
        return json(expect(
                        officer.post(
                                "/api/v1/incidents",
                                body("title", "Suspicious reads", "severity", severity, "zone", "America/Chicago")),
                        201))
                .path("id")
                .asString();
    }

    String patient(String address) {
        String mrn = "IR-" + UUID.randomUUID().toString().substring(0, 8);
        return server().context()
                .getBean(Patients.class)
                .create(new PatientDetails(mrn, "Ira Incident", LocalDate.of(1970, 1, 1), address, null, null, null))
                .id()
                .toString();
    }

    @Test
    void involvedPatientsComeFromTheTrailWithTheirState() {
        String id = open("HIGH");
        Workforce.Account clinician = Workforce.newAccount(server(), Workforce.unique("ir-clin"), "CLINICIAN");
        String inIllinois = patient("1 Main St, Springfield, IL 62701");
        String inWisconsin = patient("2 Lake Rd, Madison, WI 53703-1234");
        String notRead = patient("3 Elm St, Chicago, IL 60601");
        AuditTrail trail = server().context().getBean(AuditTrail.class);
        Instant from = Instant.now().minusSeconds(5);
        for (String p : List.of(inIllinois, inWisconsin, inIllinois)) {
            trail.record(AuditEvent.builder("chart.read", Outcome.SUCCESS, PurposeOfUse.TREATMENT)
                    .actor(clinician.id(), "CLINICIAN")
                    .patient(p)
                    .build());
        }
        trail.record(AuditEvent.builder("chart.read", Outcome.DENIED, PurposeOfUse.TREATMENT)
                .actor(clinician.id(), "CLINICIAN")
                .patient(notRead)
                .build());
        server().context().getBean(AuditIndex.class).awaitIndexed();
        String path = "/api/v1/incidents/" + id;
        expect(officer.post(path + "/subjects", body("kind", "ACCOUNT", "subjectId", clinician.id())), 204);
        JsonNode involved = json(expect(
                officer.post(
                        path + "/patients",
                        body(
                                "accountId",
                                clinician.id(),
                                "from",
                                from.toString(),
                                "to",
                                Instant.now().plusSeconds(5).toString())),
                200));
        assertThat(involved.path("patients").asInt()).isEqualTo(2);
        assertThat(involved.path("byState").path("IL").asInt()).isEqualTo(1);
        assertThat(involved.path("byState").path("WI").asInt()).isEqualTo(1);
        assertThat(involved.toString()).doesNotContain("Ira", "Main St");
        expect(
                officer.post(
                        path + "/patients",
                        body("accountId", clinician.id(), "from", from.toString(), "to", from.toString())),
                400);

        // the incident shows counts per state, never who
        JsonNode view = json(expect(officer.get(path), 200));
        assertThat(view.path("patients").path("patients").asInt()).isEqualTo(2);
        assertThat(view.path("patients").path("byState").path("IL").asInt()).isEqualTo(1);
        assertThat(view.toString()).doesNotContain(inIllinois, inWisconsin, notRead);
        JsonNode audit = json(expect(officer.get("/api/v1/audit/events?patientId=" + inWisconsin), 200));
        assertThat(audit.toString()).contains("incident.patient.residence", "incident-investigation", id);

        // containment from the incident: the account is disabled and its session ends
        Workforce clinicianSession = Workforce.on(server()).signIn(clinician);
        expect(clinicianSession.get("/api/v1/auth/session"), 200);
        expect(officer.post(path + "/containment", body("action", "DISABLE_ACCOUNT", "target", clinician.id())), 200);
        assertThat(clinicianSession.get("/api/v1/auth/session").statusCode()).isNotEqualTo(200);
        JsonNode refused = json(
                expect(officer.post(path + "/containment", body("action", "REVOKE_DEVICE", "target", "d-1")), 400));
        assertThat(refused.path("code").asString()).isEqualTo("target-invalid");
        expect(
                officer.post(
                        path + "/containment",
                        body(
                                "action",
                                "REVOKE_DEVICE",
                                "target",
                                UUID.randomUUID().toString())),
                404);
        assertThat(json(expect(officer.get(path), 200)).path("timeline").toString())
                .contains("containment", "account disabled", "America/Chicago");
    }

    String reads(Workforce.Account account, String... patientIds) {
        AuditTrail trail = server().context().getBean(AuditTrail.class);
        for (String p : patientIds) {
            trail.record(AuditEvent.builder("chart.read", Outcome.SUCCESS, PurposeOfUse.TREATMENT)
                    .actor(account.id(), "CLINICIAN")
                    .patient(p)
                    .build());
        }
        server().context().getBean(AuditIndex.class).awaitIndexed();
        return account.id();
    }

    /** The facts of an unsecured breach of a covered entity, no exception, no delay. */
    static String breach(
            LocalDate discovered, int affected, Map<String, Integer> byState, @Nullable Map<String, Object> factors) {
        return body(
                "discovered",
                discovered.toString(),
                "affected",
                affected,
                "affectedByState",
                byState,
                "exception",
                false,
                "encrypted",
                false,
                "keyCompromised",
                false,
                "assessment",
                factors,
                "businessAssociate",
                false,
                "delays",
                List.of());
    }

    JsonNode auditOf(String patientId) {
        server().context().getBean(AuditIndex.class).awaitIndexed();
        return json(expect(officer.get("/api/v1/audit/events?patientId=" + patientId), 200));
    }

    @Test
    void residencesAreReadOnlyForTheOpenIncidentsOwnPatientsAndListedOnlyForNotices() {
        Workforce.Account clinician = Workforce.newAccount(server(), Workforce.unique("ir-pou"), "CLINICIAN");
        Workforce.Account bystander = Workforce.newAccount(server(), Workforce.unique("ir-by"), "CLINICIAN");
        String texan = patient("9 Oak Ave, Austin, TX 73301");
        String ohioan = patient("8 Pine St, Columbus, OH 43004");
        String other = patient("7 Ash Ct, Denver, CO 80014");
        Instant from = Instant.now().minusSeconds(5);
        reads(clinician, texan, ohioan);
        reads(bystander, other);
        String id = open("HIGH");
        String path = "/api/v1/incidents/" + id;
        String window = body(
                "accountId",
                clinician.id(),
                "from",
                from.toString(),
                "to",
                Instant.now().toString());

        // only an account recorded as involved in this incident
        assertThat(json(expect(officer.post(path + "/patients", window), 409))
                        .path("code")
                        .asString())
                .isEqualTo("account-not-involved");
        expect(officer.post(path + "/subjects", body("kind", "ACCOUNT", "subjectId", clinician.id())), 204);
        JsonNode involved = json(expect(officer.post(path + "/patients", window), 200));
        assertThat(involved.path("patients").asInt()).isEqualTo(2);
        assertThat(involved.path("byState").path("TX").asInt()).isEqualTo(1);
        assertThat(auditOf(texan).toString()).contains("incident-investigation", "COMPLIANCE", id);

        // the decision point's facts: this incident's computed set, nothing else
        Investigations facts = server().context().getBean(Investigations.class);
        IncidentId incident = IncidentId.of(UUID.fromString(id));
        assertThat(facts.facts(incident, PatientId.of(UUID.fromString(texan))).orElseThrow())
                .isEqualTo(new InvestigationFacts(incident, true, true, false));
        assertThat(facts.facts(incident, PatientId.of(UUID.fromString(other)))
                        .orElseThrow()
                        .patientInScope())
                .isFalse();
        String second = open("LOW");
        IncidentId secondId = IncidentId.of(UUID.fromString(second));
        assertThat(facts.facts(secondId, PatientId.of(UUID.fromString(texan)))
                        .orElseThrow()
                        .patientInScope())
                .as("another incident's patient")
                .isFalse();
        assertThat(facts.facts(IncidentId.of(UUID.randomUUID()), PatientId.of(UUID.fromString(texan))))
                .isEmpty();

        // the per-patient list only once the assessment requires notices
        expect(officer.get(path + "/patients"), 403);
        // the list stops at its first denial: one of the two patients' audit shows it
        assertThat(auditOf(texan).toString() + auditOf(ohioan))
                .contains("incident.patient.list", "notice-not-required");
        LocalDate discovered = LocalDate.now().minusDays(1);
        expect(officer.post(path + "/assessment", breach(discovered, 2, Map.of("TX", 1, "OH", 1), null)), 200);
        JsonNode list = json(expect(officer.get(path + "/patients"), 200));
        assertThat(list.toString()).contains(texan, ohioan, "\"TX\"", "\"OH\"").doesNotContain(other, "Ira");
        assertThat(json(expect(officer.get("/api/v1/incidents/" + second + "/patients"), 200))
                        .size())
                .isZero();

        // a non-officer never reaches it
        Workforce clinicianSession = Workforce.on(server()).signIn(bystander);
        expect(clinicianSession.get(path + "/patients"), 403);

        // closed: nothing more is opened, and the denial is audited
        expect(officer.post(path + "/close", body("note", "contained and notified")), 204);
        expect(officer.post(path + "/close", body("note", "again")), 409);
        expect(officer.get(path + "/patients"), 403);
        expect(officer.post(path + "/patients", window), 403);
        assertThat(auditOf(texan).toString() + auditOf(ohioan)).contains("incident-closed");
        assertThat(json(expect(officer.get(path), 200))
                        .path("incident")
                        .path("status")
                        .asString())
                .isEqualTo("CLOSED");
    }

    @Test
    void assessmentGivesTheClocksAndRefusesBadFacts() {
        String id = open("CRITICAL");
        String path = "/api/v1/incidents/" + id + "/assessment";
        LocalDate discovered = LocalDate.now().minusDays(1);
        Map<String, Object> factors =
                Map.of("natureAndExtent", "HIGH", "recipient", "HIGH", "acquiredOrViewed", "HIGH", "mitigation", "LOW");
        String good = breach(discovered, 600, Map.of("IL", 501), factors);
        JsonNode result = json(expect(officer.post(path, good), 200));
        assertThat(result.path("verdict").asString()).isEqualTo("REPORTABLE");
        assertThat(result.path("clocks").toString())
                .contains(
                        "INDIVIDUALS",
                        "HHS_WITH_INDIVIDUALS",
                        "MEDIA",
                        "\"state\":\"IL\"",
                        "164.404(b)",
                        discovered.plusDays(60).toString());
        assertThat(result.path("earliest").path("due").asString())
                .isEqualTo(discovered.plusDays(60).toString());

        String doesNotAddUp = good.replace("\"IL\":501", "\"IL\":601");
        assertThat(json(expect(officer.post(path, doesNotAddUp), 400))
                        .path("code")
                        .asString())
                .isEqualTo("counts-do-not-add-up");
        String noEnd = good.replace(
                "\"delays\":[]",
                "\"delays\":[{\"written\":true,\"from\":\"" + discovered
                        + "\",\"until\":null,\"statement\":\"FBI letter\"}]");
        assertThat(json(expect(officer.post(path, noEnd), 400)).path("code").asString())
                .isEqualTo("delay-without-end");
        String future =
                good.replace(discovered.toString(), discovered.plusDays(30).toString());
        assertThat(json(expect(officer.post(path, future), 400)).path("code").asString())
                .isEqualTo("dates-out-of-order");
        expect(officer.post(path, good.replace("\"affected\":600", "\"affected\":\"many\"")), 400);
        expect(officer.post(path, good.replace("\"exception\":false", "\"exception\":false,\"colour\":1")), 400);
        // the refused ones left the stored assessment alone
        assertThat(json(expect(officer.get("/api/v1/incidents/" + id), 200))
                        .path("assessment")
                        .path("verdict")
                        .asString())
                .isEqualTo("REPORTABLE");
        String draft = expect(
                        officer.post(
                                "/api/v1/incidents/" + id + "/notice-draft",
                                body(
                                        "organisation",
                                        "Example Clinic",
                                        "tollFreeNumber",
                                        "1-800-555-0100",
                                        "email",
                                        "privacy@example.org",
                                        "postalAddress",
                                        "1 Main St")),
                        200)
                .body();
        assertThat(draft).contains("What happened", "What you can do", "1-800-555-0100");
    }

    @Test
    void badIncidentInputIsRefused() {
        expect(officer.post("/api/v1/incidents", body("title", "x", "severity", "URGENT", "zone", "UTC")), 400);
        expect(officer.post("/api/v1/incidents", body("title", "x", "severity", "HIGH", "zone", "Mars/Base")), 400);
        expect(
                officer.post(
                        "/api/v1/incidents",
                        body(
                                "title",
                                "x",
                                "severity",
                                "HIGH",
                                "zone",
                                "UTC",
                                "alertId",
                                UUID.randomUUID().toString())),
                404);
        expect(officer.post("/api/v1/incidents", body("title", "a\u202Eb", "severity", "HIGH", "zone", "UTC")), 400);
        String id = open("LOW");
        expect(
                officer.post(
                        "/api/v1/incidents/" + id + "/events",
                        body("at", Instant.now().plus(1, ChronoUnit.DAYS).toString(), "zone", "UTC", "kind", "note")),
                400);
        expect(
                officer.post(
                        "/api/v1/incidents/" + id + "/tasks",
                        body(
                                "title",
                                "late",
                                "due",
                                Instant.now().minus(1, ChronoUnit.DAYS).toString())),
                400);
        expect(officer.get("/api/v1/incidents/" + UUID.randomUUID()), 404);
        Workforce clinician =
                Workforce.on(server()).signIn(Workforce.newAccount(server(), Workforce.unique("ir-c"), "CLINICIAN"));
        expect(clinician.get("/api/v1/incidents"), 403);
    }

    @Test
    void theCommunicationPlanIsAcknowledgedAndOverdueStepsEscalate() {
        String id = open("HIGH");
        JsonNode steps =
                json(expect(officer.get("/api/v1/incidents/" + id), 200)).path("communication");
        assertThat(steps.size()).isEqualTo(3);
        assertThat(steps.get(0).path("step").path("audience").asString()).isEqualTo("Security officer on call");
        String first = steps.get(0).path("step").path("id").asString();
        expect(officer.post("/api/v1/incidents/" + id + "/communication/" + first + "/acknowledge", "{}"), 204);
        expect(officer.post("/api/v1/incidents/" + id + "/communication/" + first + "/acknowledge", "{}"), 409);
        server().context()
                .getBean(JdbcClient.class)
                .sql("UPDATE incident_comm_step SET due_at = ? WHERE incident_id = ? AND step_order = 2")
                .params(java.sql.Timestamp.from(Instant.now().minusSeconds(60)), UUID.fromString(id))
                .update();
        assertThat(server().context().getBean(IncidentService.class).escalateOverdue())
                .isGreaterThanOrEqualTo(1);
        JsonNode after = json(expect(officer.get("/api/v1/incidents/" + id), 200));
        assertThat(after.path("communication").get(0).path("status").asString()).isEqualTo("ACKNOWLEDGED");
        assertThat(after.path("communication").get(1).path("status").asString()).isEqualTo("ESCALATED");
        assertThat(after.path("timeline").toString()).contains("escalation", "Privacy officer");
    }

    @Test
    void drillsRunOnTheirOwnTrailAndMeasureTheTeam() {
        JsonNode scenarios = json(expect(officer.get("/api/v1/drills/scenarios"), 200));
        assertThat(scenarios.valueStream().map(s -> s.path("id").asString()))
                .contains(
                        "compromised-clinician-recordings",
                        "lost-byod-phone",
                        "vendor-transcription-breach",
                        "ransomware-workstation");
        long trailBefore = countAudit("recording.download");
        JsonNode drill =
                json(expect(officer.post("/api/v1/drills", body("scenario", "compromised-clinician-recordings")), 201));
        String path = "/api/v1/drills/" + drill.path("id").asString();
        assertThat(drill.path("drillEvents").asInt()).isEqualTo(26);
        assertThat(drill.path("rulesFired").asString()).contains("mass-recording-download", "factor-change-bulk");
        assertThat(countAudit("recording.download")).isEqualTo(trailBefore);
        assertThat(server().context()
                        .getBean(JdbcClient.class)
                        .sql("SELECT COUNT(*) FROM drill_event WHERE marker <> 'DRILL'")
                        .query(Long.class)
                        .single())
                .isZero();
        expect(officer.post(path + "/decision", body("decision", "disable the account")), 409);
        expect(officer.post(path + "/detected", "{}"), 200);
        JsonNode decided = json(expect(officer.post(path + "/decision", body("decision", "disable the account")), 200));
        assertThat(decided.path("timeToDecide").isNull()).isFalse();
        expect(officer.post(path + "/finish", body("participants", "IR team", "findings", "", "followUps", "x")), 400);
        expect(
                officer.post(
                        path + "/finish",
                        body(
                                "participants",
                                "IR team",
                                "findings",
                                "slow paging",
                                "followUps",
                                "page the privacy officer too")),
                200);
        JsonNode schedule = json(expect(officer.get("/api/v1/drills/schedule"), 200));
        assertThat(schedule.path("overdue").asBoolean()).isFalse();
        assertThat(schedule.path("lastFinished").asString()).isNotEmpty();
        expect(officer.post("/api/v1/drills", body("scenario", "alien-invasion")), 404);
        for (String s : List.of("lost-byod-phone", "vendor-transcription-breach", "ransomware-workstation")) {
            expect(officer.post("/api/v1/drills", body("scenario", s)), 201);
        }
    }

    long countAudit(String action) {
        server().context().getBean(AuditIndex.class).awaitIndexed();
        return server().context()
                .getBean(JdbcClient.class)
                .sql("SELECT COUNT(*) FROM audit_entry WHERE action = ?")
                .param(action)
                .query(Long.class)
                .single();
    }
}
