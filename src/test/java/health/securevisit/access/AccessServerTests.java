package health.securevisit.access;

import static health.securevisit.support.Workforce.body;
import static health.securevisit.support.Workforce.expect;
import static health.securevisit.support.Workforce.json;
import static org.assertj.core.api.Assertions.assertThat;

import health.securevisit.support.RunningServer;
import health.securevisit.support.Workforce;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * The decision point and break-glass on a real server, in real signed-in sessions (through the
 * test-only {@link AccessProbe}): decisions and refusals are audited durably with the rule, the
 * grant opens only its patient for its clinician until it expires, and security officers (only)
 * see the stored alerts. Runs once on H2 and once on PostgreSQL.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class AccessServerTests {

    static final String REASON = "Patient unresponsive at triage, history needed";

    abstract RunningServer server();

    /** A signed-in client and the id of its account. */
    record User(String id, Workforce client) {}

    User clinician;
    User otherClinician;
    User staff;
    User officer;
    User auditor;
    User admin;

    @BeforeAll
    void signIn() {
        clinician = user("CLINICIAN");
        otherClinician = user("CLINICIAN");
        staff = user("STAFF");
        officer = user("SECURITY_OFFICER");
        auditor = user("AUDITOR");
        admin = user("ADMIN");
    }

    /** A new account whose first sign-in (with TOTP enrolment) leaves its client signed in with MFA. */
    User user(String role) {
        String username =
                Workforce.unique(role.toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
        String password = "a long passphrase, " + UUID.randomUUID();
        String id = Workforce.newUser(server(), username, password, role);
        Workforce client = Workforce.on(server());
        client.firstSignIn(username, password);
        expect(client.get("/api/v1/auth/session"), 200);
        return new User(id, client);
    }

    HttpResponse<String> authorize(User user, String action, String dataClass, UUID patientId, UUID visitId) {
        Map<String, Object> ask = new java.util.LinkedHashMap<>();
        ask.put("action", action);
        ask.put("dataClass", dataClass);
        ask.put("patientId", patientId);
        ask.put("visitId", visitId);
        return user.client().post("/api/v1/test-access/authorize", Workforce.JSON.writeValueAsString(ask));
    }

    UUID visit(UUID patientId, User clinicianOnTeam, Instant start, boolean verified) {
        UUID visitId = UUID.randomUUID();
        expect(
                staff.client()
                        .post(
                                "/api/v1/test-access/visits",
                                body(
                                        "visitId",
                                        visitId,
                                        "patientId",
                                        patientId,
                                        "clinicianIds",
                                        List.of(clinicianOnTeam.id()),
                                        "start",
                                        start.toString(),
                                        "end",
                                        start.plus(Duration.ofMinutes(30)).toString(),
                                        "identityVerified",
                                        verified,
                                        "closed",
                                        false)),
                204);
        return visitId;
    }

    void clockOffset(Duration offset) {
        expect(staff.client().post("/api/v1/test-access/clock", body("seconds", offset.toSeconds())), 204);
    }

    /**
     * Moves the application clock (every module's, sessions included) to {@code offset} in steps of 10
     * minutes, touching the sessions of {@code users} and the staff member after each step, so that none
     * of them passes the 15-minute idle limit on the way.
     */
    void clockOffsetKeepingSessions(Duration offset, User... users) {
        for (Duration step = Duration.ofMinutes(10); step.compareTo(offset) < 0; step = step.plusMinutes(10)) {
            clockOffset(step);
            for (User user : users) {
                expect(user.client().get("/api/v1/auth/session"), 200);
            }
        }
        clockOffset(offset);
    }

    /**
     * The audit trail's entries about a patient, as a security officer sees them (without the records
     * of those searches themselves, which the audit module writes with purpose COMPLIANCE).
     */
    List<JsonNode> auditOf(UUID patientId) {
        JsonNode page = json(expect(officer.client().get("/api/v1/audit/events?size=200&patientId=" + patientId), 200));
        List<JsonNode> entries = new ArrayList<>();
        page.path("events").forEach(e -> {
            if (!e.path("purpose").asString().equals("COMPLIANCE")) {
                entries.add(e);
            }
        });
        return entries;
    }

    static String code(HttpResponse<String> response) {
        return json(response).path("code").asString();
    }

    @Test
    void theMigrationCreatedTheAccessTables() {
        JdbcClient jdbc = JdbcClient.create(server().context().getBean(DataSource.class));
        assertThat(jdbc.sql("SELECT success FROM flyway_schema_history WHERE version = '40'")
                        .query(Boolean.class)
                        .single())
                .isTrue();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM access_break_glass_grant WHERE expires_at < ?")
                        .param(java.sql.Timestamp.from(Instant.EPOCH))
                        .query(Long.class)
                        .single())
                .isZero();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM security_alert WHERE status = 'NONE'")
                        .query(Long.class)
                        .single())
                .isZero();
    }

    @Test
    void aClinicianReadingInsideTheWindowIsAllowedAndTheRecordNamesTheRule() {
        UUID patient = UUID.randomUUID();
        UUID visit = visit(patient, clinician, Instant.now().minus(Duration.ofMinutes(5)), true);
        JsonNode decision = json(expect(authorize(clinician, "chart.read", "CLINICAL", patient, visit), 200));
        assertThat(decision.path("allowed").asBoolean()).isTrue();
        assertThat(decision.path("rule").asString()).isEqualTo("care-team-visit-window");

        long seq = decision.path("auditSeq").asLong();
        JsonNode entry = json(expect(officer.client().get("/api/v1/audit/events/" + seq), 200))
                .path("entry");
        assertThat(entry.path("action").asString()).isEqualTo("chart.read");
        assertThat(entry.path("outcome").asString()).isEqualTo("SUCCESS");
        assertThat(entry.path("reason").asString()).isEqualTo("care-team-visit-window");
        assertThat(entry.path("actorId").asString()).isEqualTo(clinician.id());
        assertThat(entry.path("actorRole").asString()).isEqualTo("CLINICIAN");
        assertThat(entry.path("authMethod").asString()).isEqualTo("password+totp");
        assertThat(entry.path("patientId").asString()).isEqualTo(patient.toString());
        assertThat(entry.path("visitId").asString()).isEqualTo(visit.toString());
        assertThat(entry.path("purpose").asString()).isEqualTo("TREATMENT");
        assertThat(entry.path("sourceAddress").asString()).isNotBlank();
        assertThat(entry.path("requestId").asString()).isNotBlank();
    }

    @Test
    void everyDenialIsAuditedWithItsRuleAndAnswersWithoutDetail() {
        UUID patient = UUID.randomUUID();
        UUID verified = visit(patient, clinician, Instant.now().minus(Duration.ofMinutes(5)), true);
        UUID unverified = visit(patient, clinician, Instant.now().plus(Duration.ofMinutes(5)), false);
        UUID tomorrow = visit(patient, clinician, Instant.now().plus(Duration.ofDays(1)), true);

        HttpResponse<String> staffChart = expect(authorize(staff, "chart.read", "CLINICAL", patient, verified), 403);
        assertThat(code(staffChart)).isEqualTo("access-denied");
        assertThat(json(staffChart).path("detail").asString()).isEqualTo("You are not allowed to see this.");
        assertThat(staffChart.body()).doesNotContain("staff-no-clinical").doesNotContain(patient.toString());
        assertThat(code(expect(authorize(otherClinician, "chart.read", "CLINICAL", patient, verified), 403)))
                .isEqualTo("access-denied");
        assertThat(code(expect(authorize(clinician, "chart.read", "CLINICAL", patient, unverified), 403)))
                .isEqualTo("identity-not-verified");
        assertThat(code(expect(authorize(clinician, "chart.read", "CLINICAL", patient, tomorrow), 403)))
                .isEqualTo("access-denied");
        assertThat(code(expect(authorize(admin, "patient.read", "DEMOGRAPHICS", patient, null), 403)))
                .isEqualTo("access-denied");
        assertThat(code(expect(authorize(auditor, "patient.read", "DEMOGRAPHICS", patient, null), 403)))
                .isEqualTo("access-denied");
        assertThat(code(expect(authorize(clinician, "chart.read", "CLINICAL", patient, UUID.randomUUID()), 403)))
                .isEqualTo("access-denied");
        expect(authorize(staff, "visit.read", "SCHEDULING", patient, verified), 200);

        assertThat(auditOf(patient))
                .filteredOn(e -> e.path("outcome").asString().equals("DENIED"))
                .extracting(e ->
                        e.path("actorRole").asString() + " " + e.path("reason").asString())
                .containsExactlyInAnyOrder(
                        "STAFF staff-no-clinical",
                        "CLINICIAN not-on-care-team",
                        "CLINICIAN identity-not-verified",
                        "CLINICIAN outside-visit-window",
                        "ADMIN role-no-phi",
                        "AUDITOR role-no-phi",
                        "CLINICIAN unknown-visit");
        assertThat(auditOf(patient))
                .filteredOn(e -> e.path("outcome").asString().equals("SUCCESS"))
                .extracting(e ->
                        e.path("reason").asString() + " " + e.path("purpose").asString())
                .containsExactly("staff-front-desk OPERATIONS");
    }

    @Test
    void breakGlassOpensOnlyItsPatientForItsClinicianUntilItExpires() {
        UUID patient = UUID.randomUUID();
        UUID otherPatient = UUID.randomUUID();
        assertThat(code(expect(authorize(clinician, "chart.read", "CLINICAL", patient, null), 403)))
                .isEqualTo("access-denied");

        JsonNode grant = json(expect(
                clinician
                        .client()
                        .post("/api/v1/test-access/break-glass", body("patientId", patient, "reason", REASON)),
                201));
        Instant expiresAt = Instant.parse(grant.path("expiresAt").asString());
        assertThat(expiresAt)
                .isBetween(
                        Instant.now().plus(Duration.ofMinutes(59)),
                        Instant.now().plus(Duration.ofMinutes(61)));

        JsonNode opened = json(expect(authorize(clinician, "chart.read", "CLINICAL", patient, null), 200));
        assertThat(opened.path("rule").asString()).isEqualTo("break-glass");
        assertThat(opened.path("breakGlass").asBoolean()).isTrue();
        expect(authorize(otherClinician, "chart.read", "CLINICAL", patient, null), 403);
        expect(authorize(clinician, "chart.read", "CLINICAL", otherPatient, null), 403);
        try {
            clockOffsetKeepingSessions(Duration.ofMinutes(61), clinician);
            expect(authorize(clinician, "patient.read", "DEMOGRAPHICS", patient, null), 403);
        } finally {
            clockOffset(Duration.ZERO);
        }

        List<JsonNode> trail = auditOf(patient);
        assertThat(trail)
                .extracting(e -> String.join(
                        " ",
                        e.path("action").asString(),
                        e.path("outcome").asString(),
                        e.path("reason").asString(),
                        e.path("purpose").asString()))
                .containsExactlyInAnyOrder(
                        "chart.read DENIED no-care-relationship TREATMENT",
                        "access.break-glass SUCCESS break-glass EMERGENCY",
                        "chart.read SUCCESS break-glass EMERGENCY",
                        "chart.read DENIED no-care-relationship TREATMENT",
                        "patient.read DENIED no-care-relationship TREATMENT");
        assertThat(trail.toString()).doesNotContain("unresponsive");
        JsonNode grantRecord = trail.stream()
                .filter(e -> e.path("action").asString().equals("access.break-glass"))
                .findFirst()
                .orElseThrow();
        assertThat(grantRecord.path("resourceId").asString())
                .isEqualTo(grant.path("grantId").asString());
        assertThat(grantRecord.path("actorId").asString()).isEqualTo(clinician.id());
        assertThat(auditOf(otherPatient))
                .extracting(e -> e.path("reason").asString())
                .containsExactly("no-care-relationship");

        JdbcClient jdbc = JdbcClient.create(server().context().getBean(DataSource.class));
        byte[] stored = jdbc.sql("SELECT reason FROM access_break_glass_grant WHERE id = ?")
                .param(UUID.fromString(grant.path("grantId").asString()))
                .query(byte[].class)
                .single();
        assertThat(new String(stored, java.nio.charset.StandardCharsets.ISO_8859_1))
                .doesNotContain("unresponsive");
    }

    @Test
    void breakGlassIsRefusedToNonCliniciansShortReasonsAndStaleMfaAndEachRefusalIsAudited() {
        UUID patient = UUID.randomUUID();
        String path = "/api/v1/test-access/break-glass";
        assertThat(code(expect(staff.client().post(path, body("patientId", patient, "reason", REASON)), 403)))
                .isEqualTo("access-denied");
        assertThat(code(expect(officer.client().post(path, body("patientId", patient, "reason", REASON)), 403)))
                .isEqualTo("access-denied");
        HttpResponse<String> shortReason = expect(
                clinician.client().post(path, body("patientId", patient, "reason", "  too short, sorry   ")), 400);
        assertThat(code(shortReason)).isEqualTo("reason-too-short");
        assertThat(shortReason.body()).doesNotContain("too short, sorry");
        try {
            clockOffset(Duration.ofMinutes(5).plusSeconds(30));
            assertThat(code(expect(clinician.client().post(path, body("patientId", patient, "reason", REASON)), 403)))
                    .isEqualTo("step-up-required");
        } finally {
            clockOffset(Duration.ZERO);
        }
        expect(authorize(clinician, "chart.read", "CLINICAL", patient, null), 403);

        assertThat(auditOf(patient))
                .extracting(e -> String.join(
                        " ",
                        e.path("action").asString(),
                        e.path("outcome").asString(),
                        e.path("reason").asString(),
                        e.path("actorRole").asString()))
                .containsExactlyInAnyOrder(
                        "access.break-glass DENIED role-not-clinician STAFF",
                        "access.break-glass DENIED role-not-clinician SECURITY_OFFICER",
                        "access.break-glass DENIED reason-too-short CLINICIAN",
                        "access.break-glass DENIED step-up-required CLINICIAN",
                        "chart.read DENIED no-care-relationship CLINICIAN");
        JdbcClient jdbc = JdbcClient.create(server().context().getBean(DataSource.class));
        assertThat(jdbc.sql("SELECT COUNT(*) FROM access_break_glass_grant WHERE patient_id = ?")
                        .param(patient)
                        .query(Long.class)
                        .single())
                .isZero();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM security_alert WHERE patient_id = ?")
                        .param(patient)
                        .query(Long.class)
                        .single())
                .isZero();
    }

    @Test
    void securityOfficersAndOnlyThemSeeTheStoredAlertsWithoutPhi() {
        UUID patient = UUID.randomUUID();
        JsonNode grant = json(expect(
                clinician
                        .client()
                        .post("/api/v1/test-access/break-glass", body("patientId", patient, "reason", REASON)),
                201));

        HttpResponse<String> listed = expect(officer.client().get("/api/v1/security-alerts?size=200"), 200);
        assertThat(listed.body()).doesNotContain("unresponsive");
        JsonNode alert = null;
        for (JsonNode a : json(listed).path("alerts")) {
            if (a.path("grantId").asString().equals(grant.path("grantId").asString())) {
                alert = a;
            }
        }
        assertThat(alert).as("the grant's alert is listed").isNotNull();
        assertThat(alert.path("kind").asString()).isEqualTo("break-glass");
        assertThat(alert.path("severity").asString()).isEqualTo("HIGH");
        assertThat(alert.path("status").asString()).isEqualTo("OPEN");
        assertThat(alert.path("actorId").asString()).isEqualTo(clinician.id());
        assertThat(alert.path("patientId").asString()).isEqualTo(patient.toString());

        for (User other : List.of(clinician, staff, auditor, admin)) {
            assertThat(code(expect(other.client().get("/api/v1/security-alerts"), 403)))
                    .isEqualTo("forbidden");
        }
        assertThat(code(expect(server().get("/api/v1/security-alerts"), 401))).isEqualTo("unauthenticated");
        expect(officer.client().get("/api/v1/security-alerts?size=0"), 400);
        expect(officer.client().get("/api/v1/security-alerts?page=-1"), 400);

        JsonNode officerTrail =
                json(expect(officer.client().get("/api/v1/audit/events?size=200&userId=" + officer.id()), 200));
        List<String> actions = new ArrayList<>();
        officerTrail
                .path("events")
                .forEach(e -> actions.add(
                        e.path("action").asString() + " " + e.path("outcome").asString()));
        assertThat(actions).contains("security-alert.list SUCCESS");
    }
}
