package health.securevisit.matrix;

import static health.securevisit.support.Workforce.body;
import static health.securevisit.support.Workforce.expect;
import static health.securevisit.support.Workforce.json;
import static org.assertj.core.api.Assertions.assertThat;

import health.securevisit.access.DataClass;
import health.securevisit.audit.AuditEvent;
import health.securevisit.audit.AuditIndex;
import health.securevisit.audit.AuditTrail;
import health.securevisit.audit.Outcome;
import health.securevisit.audit.PurposeOfUse;
import health.securevisit.support.CapturedAuditEvents;
import health.securevisit.support.Clinic;
import health.securevisit.support.RunningServer;
import health.securevisit.support.TestServers;
import health.securevisit.support.Workforce;
import java.net.http.HttpResponse;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Function;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Zero trust, walked exhaustively: every PHI endpoint x every workforce role x every situation of the
 * caller towards the visit (own visit inside its window and verified, another clinician's visit, own
 * visit outside its window, own visit before identity verification). Each cell asserts the status the
 * policy in docs/access.md gives, that no PHI value appears in any response the caller may not see,
 * and that the decision was audited with the request's id and the right outcome. A guard test makes
 * sure every patient and visit endpoint in the OpenAPI document is in the matrix.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PhiEndpointMatrixTests {

    enum Caller {
        ADMIN,
        SECURITY_OFFICER,
        AUDITOR,
        STAFF,
        CLINICIAN
    }

    enum Situation {
        OWN_VISIT,
        OTHER_CLINICIANS_VISIT,
        OUTSIDE_WINDOW,
        BEFORE_VERIFICATION
    }

    /** A patient and its visit as one situation sees them. */
    record Fixture(
            String patientId, String visitId, String mrn, String fullName, String dateOfBirth, String artifactId) {}

    /**
     * One PHI endpoint. {@code collection} endpoints answer 200 to every role that may list at all and
     * filter items; {@code allowedStatus} is the status of an allowed call (a probe that changes no
     * state answers 400 or 409 once the decision allowed it).
     */
    record Endpoint(
            String method,
            String openApiPath,
            DataClass dataClass,
            boolean collection,
            Set<Integer> allowedStatus,
            Function<Fixture, String> path,
            Function<Fixture, String> body) {}

    final RunningServer server = TestServers.h2();
    final Map<Caller, Workforce> clients = new EnumMap<>(Caller.class);
    final Map<Situation, Fixture> fixtures = new EnumMap<>(Situation.class);

    static final List<Endpoint> ENDPOINTS = List.of(
            new Endpoint(
                    "GET",
                    "/api/v1/patients/{id}",
                    DataClass.DEMOGRAPHICS,
                    false,
                    Set.of(200),
                    f -> "/api/v1/patients/" + f.patientId(),
                    f -> null),
            new Endpoint(
                    "PUT",
                    "/api/v1/patients/{id}",
                    DataClass.DEMOGRAPHICS,
                    false,
                    Set.of(200),
                    f -> "/api/v1/patients/" + f.patientId(),
                    f -> body("mrn", f.mrn(), "fullName", f.fullName(), "dateOfBirth", f.dateOfBirth())),
            new Endpoint(
                    "GET",
                    "/api/v1/patients",
                    DataClass.DEMOGRAPHICS,
                    true,
                    Set.of(200),
                    f -> "/api/v1/patients",
                    f -> null),
            new Endpoint(
                    "POST",
                    "/api/v1/patients/search",
                    DataClass.DEMOGRAPHICS,
                    true,
                    Set.of(200),
                    f -> "/api/v1/patients/search",
                    f -> body("mrn", f.mrn())),
            new Endpoint(
                    "POST",
                    "/api/v1/patients/{id}/break-glass",
                    DataClass.CLINICAL,
                    false,
                    Set.of(400),
                    // A reason that is too short: an allowed caller gets 400, no grant is opened.
                    f -> "/api/v1/patients/" + f.patientId() + "/break-glass",
                    f -> body("reason", "too short")),
            new Endpoint(
                    "GET",
                    "/api/v1/patients/{id}/vitals",
                    DataClass.VITALS,
                    false,
                    Set.of(200),
                    f -> "/api/v1/patients/" + f.patientId() + "/vitals",
                    f -> null),
            new Endpoint(
                    "GET",
                    "/api/v1/visits/{id}",
                    DataClass.SCHEDULING,
                    false,
                    Set.of(200),
                    f -> "/api/v1/visits/" + f.visitId(),
                    f -> null),
            new Endpoint(
                    "GET", "/api/v1/visits", DataClass.SCHEDULING, true, Set.of(200), f -> "/api/v1/visits", f -> null),
            new Endpoint(
                    "GET",
                    "/api/v1/visits/{id}/chart",
                    DataClass.CLINICAL,
                    false,
                    Set.of(200),
                    f -> "/api/v1/visits/" + f.visitId() + "/chart",
                    f -> null),
            new Endpoint(
                    "POST",
                    "/api/v1/visits/{id}/identity-verification",
                    DataClass.DEMOGRAPHICS,
                    false,
                    // One data point is too few (400); a visit no longer waiting answers 409.
                    Set.of(400, 409),
                    f -> "/api/v1/visits/" + f.visitId() + "/identity-verification",
                    f -> body("dataPoints", Map.of("fullName", f.fullName()))),
            new Endpoint(
                    "POST",
                    "/api/v1/visits/{id}/transitions",
                    DataClass.SCHEDULING,
                    false,
                    // ENDED is never reachable from SCHEDULED, WAITING or IDENTITY_VERIFIED.
                    Set.of(409),
                    f -> "/api/v1/visits/" + f.visitId() + "/transitions",
                    f -> body("to", "ENDED")),
            new Endpoint(
                    "POST",
                    "/api/v1/visits/{id}/join-links",
                    DataClass.SCHEDULING,
                    false,
                    // A visit already verified or over cannot be joined any more (409 visit-not-joinable).
                    Set.of(201, 409),
                    f -> "/api/v1/visits/" + f.visitId() + "/join-links",
                    f -> "{}"),
            new Endpoint(
                    "GET",
                    "/api/v1/visits/{id}/room/ice-servers",
                    DataClass.LIVE_VISIT,
                    false,
                    Set.of(200),
                    f -> "/api/v1/visits/" + f.visitId() + "/room/ice-servers",
                    f -> null),
            new Endpoint(
                    "GET",
                    "/api/v1/visits/{id}/room/chat",
                    DataClass.CLINICAL,
                    false,
                    Set.of(200),
                    f -> "/api/v1/visits/" + f.visitId() + "/room/chat",
                    f -> null),
            // Records of a visit (docs/records.md): decided as clinical data under the VISIT_RECORDS class.
            new Endpoint(
                    "POST",
                    "/api/v1/visits/{visitId}/recordings",
                    DataClass.VISIT_RECORDS,
                    false,
                    // No recording consent (409) or a type that is not a recording (400): nothing starts.
                    Set.of(400, 409),
                    f -> "/api/v1/visits/" + f.visitId() + "/recordings",
                    f -> body("contentType", "text/html", "size", 10, "sha256", "0".repeat(64))),
            new Endpoint(
                    "PUT",
                    "/api/v1/recordings/{id}/chunks/{number}",
                    DataClass.VISIT_RECORDS,
                    false,
                    // The matrix's artifacts are complete: no chunk is accepted (409).
                    Set.of(400, 409),
                    f -> "/api/v1/recordings/" + f.artifactId() + "/chunks/0",
                    f -> "{}"),
            new Endpoint(
                    "POST",
                    "/api/v1/recordings/{id}/complete",
                    DataClass.VISIT_RECORDS,
                    false,
                    Set.of(409),
                    f -> "/api/v1/recordings/" + f.artifactId() + "/complete",
                    f -> "{}"),
            new Endpoint(
                    "DELETE",
                    "/api/v1/recordings/{id}",
                    DataClass.VISIT_RECORDS,
                    false,
                    // Only an incomplete upload can be discarded (409).
                    Set.of(409),
                    f -> "/api/v1/recordings/" + f.artifactId(),
                    f -> null),
            new Endpoint(
                    "POST",
                    "/api/v1/recordings/{id}/transcripts",
                    DataClass.VISIT_RECORDS,
                    false,
                    // The matrix's artifact is a screenshot: nothing is transcribed (409 not-a-recording).
                    Set.of(409),
                    f -> "/api/v1/recordings/" + f.artifactId() + "/transcripts",
                    f -> "{}"),
            new Endpoint(
                    "POST",
                    "/api/v1/artifacts/{id}/corrections",
                    DataClass.VISIT_RECORDS,
                    false,
                    // The matrix's artifact is a screenshot: nothing is stored (409 not-a-transcript).
                    Set.of(409),
                    f -> "/api/v1/artifacts/" + f.artifactId() + "/corrections",
                    f -> body("vtt", "WEBVTT\n\n00:00:00.000 --> 00:00:01.000\nwords\n", "sign", false)),
            new Endpoint(
                    "POST",
                    "/api/v1/visits/{visitId}/screenshots",
                    DataClass.VISIT_RECORDS,
                    false,
                    // Without Content-Digest (400); into a visit that ended (409).
                    Set.of(400, 409),
                    f -> "/api/v1/visits/" + f.visitId() + "/screenshots",
                    f -> "{}"),
            new Endpoint(
                    "GET",
                    "/api/v1/visits/{visitId}/artifacts",
                    DataClass.VISIT_RECORDS,
                    false,
                    Set.of(200),
                    f -> "/api/v1/visits/" + f.visitId() + "/artifacts",
                    f -> null),
            new Endpoint(
                    "GET",
                    "/api/v1/artifacts/{id}",
                    DataClass.VISIT_RECORDS,
                    false,
                    Set.of(200),
                    f -> "/api/v1/artifacts/" + f.artifactId(),
                    f -> null),
            new Endpoint(
                    "GET",
                    "/api/v1/artifacts/{id}/content",
                    DataClass.VISIT_RECORDS,
                    false,
                    Set.of(200),
                    f -> "/api/v1/artifacts/" + f.artifactId() + "/content",
                    f -> null),
            new Endpoint(
                    "POST",
                    "/api/v1/visits/{visitId}/consents",
                    DataClass.VISIT_RECORDS,
                    false,
                    Set.of(201),
                    f -> "/api/v1/visits/" + f.visitId() + "/consents",
                    f -> body("kind", "RECORDING", "answer", "REFUSED")),
            new Endpoint(
                    "GET",
                    "/api/v1/visits/{visitId}/consents",
                    DataClass.VISIT_RECORDS,
                    false,
                    Set.of(200),
                    f -> "/api/v1/visits/" + f.visitId() + "/consents",
                    f -> null),
            new Endpoint(
                    "POST",
                    "/api/v1/visits/{visitId}/forms",
                    DataClass.SCHEDULING,
                    false,
                    // An unknown form: nothing is assigned (404 form-not-found).
                    Set.of(404),
                    f -> "/api/v1/visits/" + f.visitId() + "/forms",
                    f -> body("url", "https://securevisit.health/fhir/Questionnaire/none")),
            new Endpoint(
                    "GET",
                    "/api/v1/visits/{visitId}/forms",
                    DataClass.VISIT_RECORDS,
                    false,
                    Set.of(200),
                    f -> "/api/v1/visits/" + f.visitId() + "/forms",
                    f -> null),
            new Endpoint(
                    "GET",
                    "/api/v1/visits/{visitId}/export",
                    DataClass.VISIT_RECORDS,
                    false,
                    Set.of(200),
                    f -> "/api/v1/visits/" + f.visitId() + "/export",
                    f -> null));

    @BeforeAll
    void createAccountsPatientsAndVisits() {
        clients.put(Caller.ADMIN, Workforce.adminClient(server));
        for (Caller caller : List.of(Caller.SECURITY_OFFICER, Caller.AUDITOR, Caller.STAFF, Caller.CLINICIAN)) {
            Workforce.Account account = Workforce.newAccount(server, Workforce.unique("matrix"), caller.name());
            clients.put(caller, Workforce.on(server).signIn(account));
        }
        String me = json(expect(clients.get(Caller.CLINICIAN).get("/api/v1/auth/session"), 200))
                .path("userId")
                .asString();
        String other = Workforce.newUser(
                server, Workforce.unique("matrix.other"), "a long passphrase, " + UUID.randomUUID(), "CLINICIAN");

        Instant now = Instant.now().truncatedTo(ChronoUnit.MINUTES);
        // Inside the window: 5 minutes before the start (the window opens 15 minutes before).
        fixtures.put(Situation.OWN_VISIT, visit(me, now.plus(5, ChronoUnit.MINUTES)));
        fixtures.put(Situation.OTHER_CLINICIANS_VISIT, visit(other, now.plus(5, ChronoUnit.MINUTES)));
        // Outside the window: three days ahead.
        fixtures.put(Situation.OUTSIDE_WINDOW, visit(me, now.plus(3, ChronoUnit.DAYS)));
        // Inside the window (it ended minutes ago; the window stays open 24 hours after the end). No visit
        // is scheduled in the past: this one is scheduled ahead and then moved there in the database.
        Fixture before = visit(me, now.plus(4, ChronoUnit.DAYS));
        server.context()
                .getBean(JdbcClient.class)
                .sql("UPDATE visit SET start_at = ?, end_at = ? WHERE id = ?")
                .params(
                        Timestamp.from(now.minus(50, ChronoUnit.MINUTES)),
                        Timestamp.from(now.minus(20, ChronoUnit.MINUTES)),
                        UUID.fromString(before.visitId()))
                .update();
        fixtures.put(Situation.BEFORE_VERIFICATION, before);

        Workforce staff = clients.get(Caller.STAFF);
        for (Situation s :
                List.of(Situation.OWN_VISIT, Situation.OTHER_CLINICIANS_VISIT, Situation.BEFORE_VERIFICATION)) {
            expect(
                    staff.post("/api/v1/visits/" + fixtures.get(s).visitId() + "/transitions", body("to", "WAITING")),
                    200);
        }
        for (Situation s : List.of(Situation.OWN_VISIT, Situation.OTHER_CLINICIANS_VISIT)) {
            Fixture f = fixtures.get(s);
            JsonNode verified = json(expect(
                    staff.post(
                            "/api/v1/visits/" + f.visitId() + "/identity-verification",
                            body("dataPoints", Map.of("fullName", f.fullName(), "dateOfBirth", f.dateOfBirth()))),
                    200));
            assertThat(verified.path("verified").asBoolean()).isTrue();
        }
    }

    private Fixture visit(String clinicianId, Instant start) {
        Workforce staff = clients.get(Caller.STAFF);
        String mrn = "MX-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase(java.util.Locale.ROOT);
        String name = "Matrixpatient " + Long.toString(System.nanoTime(), 36);
        // A date of birth of its own, so that a list showing another (allowed) patient never looks like a leak.
        String dob = "1961-07-" + (10 + fixtures.size());
        String patientId = json(expect(
                        staff.post("/api/v1/patients", body("mrn", mrn, "fullName", name, "dateOfBirth", dob)), 201))
                .path("id")
                .asString();
        String visitId = json(expect(
                        staff.post("/api/v1/visits", Clinic.newVisit(patientId, start, 30, clinicianId)), 201))
                .path("id")
                .asString();
        // A complete (empty) artifact of the visit, written as the records module stores one.
        String artifactId = UUID.randomUUID().toString();
        server.context()
                .getBean(JdbcClient.class)
                .sql("INSERT INTO records_artifact (id, visit_id, patient_id, kind, content_type, state, declared_size,"
                        + " declared_sha256, stored_size, chunk_count, created_by, created_at, completed_at,"
                        + " retain_until, version) VALUES (?, ?, ?, 'SCREENSHOT', 'image/png', 'COMPLETE', 0, ?, 0, 0,"
                        + " ?, ?, ?, ?, 0)")
                .params(
                        artifactId,
                        UUID.fromString(visitId),
                        UUID.fromString(patientId),
                        "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
                        UUID.fromString(clinicianId),
                        Timestamp.from(start),
                        Timestamp.from(start),
                        Timestamp.from(start.plus(3000, ChronoUnit.DAYS)))
                .update();
        return new Fixture(patientId, visitId, mrn, name, dob, artifactId);
    }

    /**
     * What the policy allows for one endpoint: as for its data class, except that before the identity
     * step a clinician reads demographics masked, cannot change them and cannot confirm them by a search.
     */
    static boolean allowed(Caller caller, Situation situation, Endpoint endpoint) {
        if (beforeIdentityStep(caller, situation) && endpoint.dataClass() == DataClass.DEMOGRAPHICS) {
            return !endpoint.method().equals("PUT") && !endpoint.openApiPath().endsWith("/search");
        }
        return allowed(caller, situation, endpoint.dataClass());
    }

    static boolean beforeIdentityStep(Caller caller, Situation situation) {
        return caller == Caller.CLINICIAN && situation == Situation.BEFORE_VERIFICATION;
    }

    /** What the policy allows (docs/access.md): the expectation every cell is checked against. */
    static boolean allowed(Caller caller, Situation situation, DataClass data) {
        return switch (caller) {
            case ADMIN, SECURITY_OFFICER, AUDITOR -> false;
            case STAFF -> data == DataClass.SCHEDULING || data == DataClass.DEMOGRAPHICS;
            case CLINICIAN ->
                switch (situation) {
                    case OTHER_CLINICIANS_VISIT -> false;
                    case OUTSIDE_WINDOW -> data == DataClass.SCHEDULING;
                    // Vitals need a visit of the patient with identity verified (the monitoring relationship).
                    case BEFORE_VERIFICATION -> !data.clinical() && data != DataClass.VITALS;
                    case OWN_VISIT -> true;
                };
        };
    }

    @Test
    void everyPhiEndpointAnswersEveryRoleAndSituationAsThePolicySaysAndLeaksNothing() {
        CapturedAuditEvents audit = server.context().getBean(CapturedAuditEvents.class);
        SoftAssertions softly = new SoftAssertions();
        int cells = 0;
        for (Endpoint endpoint : ENDPOINTS) {
            for (Caller caller : Caller.values()) {
                for (Situation situation : Situation.values()) {
                    Fixture f = fixtures.get(situation);
                    String cell =
                            endpoint.method() + " " + endpoint.openApiPath() + " as " + caller + " on " + situation;
                    HttpResponse<String> response = call(clients.get(caller), endpoint, f);
                    cells++;
                    // Break-glass is a clinician's request outside the normal rules: any clinician may ask
                    // (the probe's reason is too short, so no grant opens), nobody else.
                    boolean allowed = endpoint.openApiPath().endsWith("/break-glass")
                            ? caller == Caller.CLINICIAN
                            : allowed(caller, situation, endpoint);
                    checkCell(softly, cell, endpoint, caller, situation, f, response, allowed);
                    String requestId =
                            response.headers().firstValue("X-Request-Id").orElseThrow();
                    List<AuditEvent> recorded = audit.matching(e -> requestId.equals(e.requestId()));
                    softly.assertThat(recorded).as(cell + ": audited").isNotEmpty();
                    if (response.statusCode() == 403) {
                        softly.assertThat(recorded)
                                .as(cell + ": the denial is audited")
                                .anyMatch(e -> e.outcome() == Outcome.DENIED && e.reason() != null);
                    }
                }
            }
        }
        assertThat(cells).isEqualTo(ENDPOINTS.size() * Caller.values().length * Situation.values().length);
        softly.assertAll();
    }

    private void checkCell(
            SoftAssertions softly,
            String cell,
            Endpoint endpoint,
            Caller caller,
            Situation situation,
            Fixture f,
            HttpResponse<String> response,
            boolean allowed) {
        int status = response.statusCode();
        String body = response.body();
        if (endpoint.collection()) {
            boolean mayList = caller == Caller.STAFF || caller == Caller.CLINICIAN;
            softly.assertThat(status).as(cell).isEqualTo(mayList ? 200 : 403);
            String item = endpoint.dataClass() == DataClass.SCHEDULING ? f.visitId() : f.patientId();
            if (mayList && allowed) {
                softly.assertThat(body).as(cell + ": lists the item").contains(item);
            } else {
                softly.assertThat(body).as(cell + ": does not list the item").doesNotContain(item);
            }
        } else if (allowed) {
            softly.assertThat(endpoint.allowedStatus())
                    .as(cell + " (got " + status + ": " + body + ")")
                    .contains(status);
        } else {
            softly.assertThat(status).as(cell + ": " + body).isEqualTo(403);
            String expectedCode = beforeIdentityStep(caller, situation)
                            && (endpoint.dataClass().clinical()
                                    || endpoint.method().equals("PUT")
                                            && endpoint.openApiPath().startsWith("/api/v1/patients"))
                            && !endpoint.openApiPath().endsWith("break-glass")
                    ? "identity-not-verified"
                    : "access-denied";
            if (status == 403) {
                softly.assertThat(json(response).path("code").asString())
                        .as(cell)
                        .isEqualTo(expectedCode);
            }
        }
        if (beforeIdentityStep(caller, situation)) {
            softly.assertThat(body)
                    .as(cell + ": identity data points masked before the identity step")
                    .doesNotContain(f.mrn())
                    .doesNotContain(f.dateOfBirth());
        }
        boolean mayShowDemographics = allowed && endpoint.dataClass() != DataClass.SCHEDULING && status == 200;
        if (!mayShowDemographics) {
            softly.assertThat(body)
                    .as(cell + ": no PHI value in the response")
                    .doesNotContain(f.fullName())
                    .doesNotContain(f.mrn())
                    .doesNotContain(f.dateOfBirth());
        }
    }

    private static HttpResponse<String> call(Workforce client, Endpoint endpoint, Fixture f) {
        String path = endpoint.path().apply(f);
        return switch (endpoint.method()) {
            case "GET" -> client.get(path);
            case "POST" -> client.post(path, endpoint.body().apply(f));
            case "PUT" -> client.put(path, endpoint.body().apply(f));
            case "DELETE" -> client.delete(path);
            default -> throw new IllegalArgumentException(endpoint.method());
        };
    }

    @Test
    void everyPatientAndVisitEndpointOfTheOpenApiDocumentIsInTheMatrix() {
        JsonNode paths = json(expect(server.get("/api/v1/openapi.json"), 200)).path("paths");
        Set<String> documented = new TreeSet<>();
        for (String path : paths.propertyNames()) {
            if (path.startsWith("/api/v1/patients")
                    || path.startsWith("/api/v1/visits")
                    || path.startsWith("/api/v1/artifacts")
                    || path.startsWith("/api/v1/recordings")) {
                for (String method : paths.path(path).propertyNames()) {
                    documented.add(method.toUpperCase(java.util.Locale.ROOT) + " " + path);
                }
            }
        }
        Set<String> inMatrix = new LinkedHashSet<>();
        ENDPOINTS.forEach(e -> inMatrix.add(e.method() + " " + e.openApiPath()));
        // Creating patients and visits touches no existing patient's data; they are tested by their modules.
        List<String> creations = new ArrayList<>(List.of("POST /api/v1/patients", "POST /api/v1/visits"));
        documented.removeAll(creations);
        // The patient's own forms and consents answer the room credential only; every workforce caller gets
        // 403 there (records/PatientFormsAndConsentTests).
        documented.removeAll(List.of(
                "GET /api/v1/visits/{id}/room/forms",
                "POST /api/v1/visits/{id}/room/forms",
                "POST /api/v1/visits/{id}/room/consents"));
        assertThat(inMatrix).containsAll(documented);
    }

    /**
     * The incident's per-patient residence list ({@code RESIDENCE}, docs/access.md rule 5i), every role:
     * only a security officer, only for an open incident whose assessment requires notices, only the
     * incident's own computed patients; each officer's call audited, no patient id in a refusal.
     */
    @Test
    void theIncidentResidenceListAnswersOnlyAnOfficerOfAnOpenIncidentThatNeedsNotices() {
        Fixture f = fixtures.get(Situation.OWN_VISIT);
        Workforce officer = clients.get(Caller.SECURITY_OFFICER);
        String reader = Workforce.newUser(
                server, Workforce.unique("matrix.reader"), "a long passphrase, " + UUID.randomUUID(), "CLINICIAN");
        Instant from = Instant.now().minusSeconds(5);
        server.context()
                .getBean(AuditTrail.class)
                .record(AuditEvent.builder("chart.read", Outcome.SUCCESS, PurposeOfUse.TREATMENT)
                        .actor(reader, "CLINICIAN")
                        .patient(f.patientId())
                        .build());
        server.context().getBean(AuditIndex.class).awaitIndexed();
        Map<String, String> incidents = new java.util.LinkedHashMap<>();
        for (String kind : List.of("notice", "no-notice", "closed")) {
            String id = json(expect(
                            officer.post(
                                    "/api/v1/incidents",
                                    body("title", "Matrix " + kind, "severity", "HIGH", "zone", "UTC")),
                            201))
                    .path("id")
                    .asString();
            String path = "/api/v1/incidents/" + id;
            expect(officer.post(path + "/subjects", body("kind", "ACCOUNT", "subjectId", reader)), 204);
            expect(
                    officer.post(
                            path + "/patients",
                            body(
                                    "accountId",
                                    reader,
                                    "from",
                                    from.toString(),
                                    "to",
                                    Instant.now().toString())),
                    200);
            if (!kind.equals("no-notice")) {
                expect(
                        officer.post(
                                path + "/assessment",
                                body(
                                        "discovered",
                                                LocalDate.now().minusDays(1).toString(),
                                        "affected", 1,
                                        "exception", false,
                                        "encrypted", false,
                                        "keyCompromised", false,
                                        "businessAssociate", false,
                                        "delays", List.of())),
                        200);
            }
            if (kind.equals("closed")) {
                expect(officer.post(path + "/close", body("note", "matrix")), 204);
            }
            incidents.put(kind, path + "/patients");
        }
        CapturedAuditEvents audit = server.context().getBean(CapturedAuditEvents.class);
        SoftAssertions softly = new SoftAssertions();
        for (Caller caller : Caller.values()) {
            for (Map.Entry<String, String> incident : incidents.entrySet()) {
                String cell = "GET " + incident.getKey() + " incident's patients as " + caller;
                HttpResponse<String> response = clients.get(caller).get(incident.getValue());
                boolean allowed =
                        caller == Caller.SECURITY_OFFICER && incident.getKey().equals("notice");
                softly.assertThat(response.statusCode()).as(cell).isEqualTo(allowed ? 200 : 403);
                if (allowed) {
                    softly.assertThat(response.body()).as(cell).contains(f.patientId());
                } else {
                    softly.assertThat(response.body())
                            .as(cell + ": names nobody")
                            .doesNotContain(f.patientId());
                }
                softly.assertThat(response.body())
                        .as(cell + ": no PHI value")
                        .doesNotContain(f.fullName())
                        .doesNotContain(f.mrn())
                        .doesNotContain(f.dateOfBirth());
                if (caller == Caller.SECURITY_OFFICER) {
                    String requestId =
                            response.headers().firstValue("X-Request-Id").orElseThrow();
                    softly.assertThat(audit.matching(e -> requestId.equals(e.requestId())
                                    && e.action().equals("incident.patient.list")))
                            .as(cell + ": decided and audited with the purpose and the incident")
                            .singleElement()
                            .satisfies(e -> {
                                softly.assertThat(e.purpose()).isEqualTo(PurposeOfUse.COMPLIANCE);
                                softly.assertThat(incident.getValue()).contains(e.resourceId());
                                softly.assertThat(e.outcome()).isEqualTo(allowed ? Outcome.SUCCESS : Outcome.DENIED);
                            });
                }
            }
        }
        softly.assertAll();
    }
}
