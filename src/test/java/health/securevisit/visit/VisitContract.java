package health.securevisit.visit;

import static health.securevisit.support.Workforce.body;
import static health.securevisit.support.Workforce.expect;
import static health.securevisit.support.Workforce.json;
import static org.assertj.core.api.Assertions.assertThat;

import health.securevisit.access.CareRelationships;
import health.securevisit.access.PatientId;
import health.securevisit.access.VisitFacts;
import health.securevisit.access.VisitId;
import health.securevisit.audit.AuditEvent;
import health.securevisit.audit.Outcome;
import health.securevisit.patient.PatientRecord;
import health.securevisit.support.Answers;
import health.securevisit.support.CapturedAuditEvents;
import health.securevisit.support.RunningServer;
import health.securevisit.support.Workforce;
import health.securevisit.visit.VisitFixture.Clinician;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Scheduling, overlap, lifecycle, identity verification, chart and care relationships on one storage. */
abstract class VisitContract {

    abstract RunningServer server();

    VisitFixture fx() {
        return VisitFixture.of(server());
    }

    @Test
    void schedulesAVisitThatItsCareTeamAndStaffCanReadButNobodyElse() {
        VisitFixture fx = fx();
        Clinician mine = fx.clinician();
        Clinician other = fx.clinician();
        PatientRecord patient = fx.patient();
        HttpResponse<String> created =
                expect(fx.staff.post("/api/v1/visits", VisitFixture.newVisit(patient.id(), 5, 45, mine.id())), 201);
        JsonNode visit = json(created);
        String id = visit.path("id").asString();
        assertThat(created.headers().firstValue("Location").orElseThrow()).endsWith("/api/v1/visits/" + id);
        assertThat(visit.path("patientId").asString()).isEqualTo(patient.id().toString());
        assertThat(visit.path("clinicianIds").get(0).asString()).isEqualTo(mine.id());
        assertThat(visit.path("durationMinutes").asInt()).isEqualTo(45);
        assertThat(visit.path("modality").asString()).isEqualTo("VIDEO");
        assertThat(visit.path("status").asString()).isEqualTo("SCHEDULED");
        assertThat(visit.path("identityVerified").asBoolean()).isFalse();
        assertThat(visit.path("flaggedForReview").asBoolean()).isFalse();
        assertThat(visit.path("end").asString()).isNotBlank();
        assertThat(created.body()).doesNotContain("Lovelace", "1980-02-01");

        expect(fx.staff.get("/api/v1/visits/" + id), 200);
        expect(mine.client().get("/api/v1/visits/" + id), 200);
        assertProblem(other.client().get("/api/v1/visits/" + id), 403, "access-denied");
        assertProblem(fx.admin.get("/api/v1/visits/" + id), 403, "access-denied");
        assertThat(Workforce.on(server()).get("/api/v1/visits/" + id).statusCode())
                .isEqualTo(401);

        String unknown = UUID.randomUUID().toString();
        assertProblem(fx.staff.get("/api/v1/visits/" + unknown), 404, "visit-not-found");
        assertProblem(fx.admin.get("/api/v1/visits/" + unknown), 403, "access-denied");
        assertProblem(fx.staff.get("/api/v1/visits/not-a-uuid"), 400, "invalid-parameter");

        JsonNode own = json(expect(mine.client().get("/api/v1/visits"), 200));
        assertThat(own.path("visits")).hasSize(1);
        assertThat(own.path("visits").get(0).path("id").asString()).isEqualTo(id);
        assertThat(json(expect(other.client().get("/api/v1/visits"), 200)).path("visits"))
                .isEmpty();
        JsonNode staffView = json(expect(fx.staff.get("/api/v1/visits?clinicianId=" + mine.id()), 200));
        assertThat(staffView.path("visits")).hasSize(1);
        assertProblem(fx.admin.get("/api/v1/visits"), 403, "access-denied");
    }

    @Test
    void refusesBadVisitsWithoutWritingAnything() {
        VisitFixture fx = fx();
        Clinician clinician = fx.clinician();
        PatientRecord patient = fx.patient();
        String staffId = VisitFixture.signedIn(server(), "STAFF").id();
        assertProblem(
                fx.staff.post("/api/v1/visits", VisitFixture.newVisit(UUID.randomUUID(), 5, 30, clinician.id())),
                404,
                "patient-not-found");
        assertProblem(
                fx.staff.post("/api/v1/visits", VisitFixture.newVisit(patient.id(), 5, 30, staffId)),
                400,
                "invalid-visit");
        assertProblem(
                fx.staff.post(
                        "/api/v1/visits",
                        VisitFixture.newVisit(
                                patient.id(), 5, 30, UUID.randomUUID().toString())),
                400,
                "invalid-visit");
        assertProblem(
                fx.staff.post("/api/v1/visits", VisitFixture.newVisit(patient.id(), -61, 30, clinician.id())),
                400,
                "invalid-visit");
        assertProblem(
                fx.staff.post("/api/v1/visits", VisitFixture.newVisit(patient.id(), 5, 4, clinician.id())),
                400,
                "invalid-request");
        assertProblem(
                fx.staff.post("/api/v1/visits", VisitFixture.newVisit(patient.id(), 5, 481, clinician.id())),
                400,
                "invalid-request");
        String[] eleven = new String[11];
        java.util.Arrays.fill(eleven, clinician.id());
        assertProblem(
                fx.staff.post("/api/v1/visits", VisitFixture.newVisit(patient.id(), 5, 30, eleven)),
                400,
                "invalid-request");
        String valid = VisitFixture.newVisit(patient.id(), 5, 30, clinician.id());
        assertProblem(fx.staff.post("/api/v1/visits", valid.replace("}", ",\"notes\":\"x\"}")), 400, "unknown-field");
        assertProblem(
                fx.staff.post("/api/v1/visits", valid.replaceAll("\"start\":\"[^\"]+\"", "\"start\":\"tomorrow\"")),
                400,
                "invalid-request");
        assertProblem(
                fx.staff.post("/api/v1/visits", valid.replace("VIDEO", "CARRIER_PIGEON")), 400, "invalid-request");
        assertProblem(
                fx.staff.post("/api/v1/visits", valid.replace(patient.id().toString(), "not-a-uuid")),
                400,
                "invalid-request");
        assertProblem(fx.staff.post("/api/v1/visits", "{"), 400, "malformed-body");
        assertProblem(fx.admin.post("/api/v1/visits", valid), 403, "access-denied");
        assertThat(fx.jdbc()
                        .sql("SELECT COUNT(*) FROM visit WHERE patient_id = ?")
                        .param(patient.id())
                        .query(Long.class)
                        .single())
                .isZero();
        // The same request, valid, is accepted.
        expect(fx.staff.post("/api/v1/visits", valid), 201);
    }

    @Test
    void refusesOverlappingVisitsOfOneClinicianButNotAdjacentOrCancelledOnes() {
        VisitFixture fx = fx();
        Clinician clinician = fx.clinician();
        Clinician colleague = fx.clinician();
        PatientRecord patient = fx.patient();
        java.time.Instant base = java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        JsonNode first = json(expect(
                fx.staff.post("/api/v1/visits", VisitFixture.newVisit(patient.id(), base, 60, 30, clinician.id())),
                201));
        assertProblem(
                fx.staff.post(
                        "/api/v1/visits",
                        VisitFixture.newVisit(fx.patient().id(), base, 75, 30, colleague.id(), clinician.id())),
                409,
                "visit-overlap");
        expect(fx.staff.post("/api/v1/visits", VisitFixture.newVisit(patient.id(), base, 90, 30, clinician.id())), 201);
        expect(fx.staff.post("/api/v1/visits", VisitFixture.newVisit(patient.id(), base, 30, 30, clinician.id())), 201);
        expect(fx.staff.post("/api/v1/visits", VisitFixture.newVisit(patient.id(), base, 75, 30, colleague.id())), 201);
        fx.transition(first.path("id").asString(), "CANCELLED");
        expect(fx.staff.post("/api/v1/visits", VisitFixture.newVisit(patient.id(), base, 60, 30, clinician.id())), 201);
    }

    @Test
    void concurrentOverlappingCreationsDoNotBothSucceed() throws Exception {
        VisitFixture fx = fx();
        Clinician clinician = fx.clinician();
        PatientRecord patient = fx.patient();
        int n = 6;
        List<Workforce> clients = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            clients.add(i % 2 == 0 ? fx.staff : clinician.client());
        }
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                Workforce client = clients.get(i);
                int offset = 100 + i * 5;
                Callable<Integer> create = () -> {
                    go.await();
                    return client.post(
                                    "/api/v1/visits", VisitFixture.newVisit(patient.id(), offset, 60, clinician.id()))
                            .statusCode();
                };
                results.add(pool.submit(create));
            }
            go.countDown();
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> r : results) {
                statuses.add(r.get());
            }
            assertThat(statuses).containsOnly(201, 409);
            assertThat(statuses.stream().filter(s -> s == 201)).hasSize(1);
        } finally {
            pool.shutdownNow();
        }
        assertThat(fx.jdbc()
                        .sql("SELECT COUNT(*) FROM visit_clinician WHERE clinician_id = ?")
                        .param(UUID.fromString(clinician.id()))
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
    }

    @Test
    void walksTheLifecycleAndRefusesInvalidTransitions() {
        VisitFixture fx = fx();
        Clinician clinician = fx.clinician();
        Clinician other = fx.clinician();
        PatientRecord patient = fx.patient();
        String id = fx.visit(patient, 5, clinician.id()).path("id").asString();
        String path = "/api/v1/visits/" + id + "/transitions";
        assertProblem(fx.staff.post(path, body("to", "IN_PROGRESS")), 409, "invalid-transition");
        assertProblem(fx.staff.post(path, body("to", "IDENTITY_VERIFIED")), 409, "invalid-transition");
        assertProblem(fx.staff.post(path, body("to", "SCHEDULED")), 409, "invalid-transition");
        assertProblem(fx.staff.post(path, body("to", "LATE")), 400, "invalid-request");
        assertProblem(other.client().post(path, body("to", "WAITING")), 403, "access-denied");
        assertProblem(fx.admin.post(path, body("to", "WAITING")), 403, "access-denied");
        assertThat(json(expect(clinician.client().post(path, body("to", "WAITING")), 200))
                        .path("status")
                        .asString())
                .isEqualTo("WAITING");
        assertProblem(fx.staff.post(path, body("to", "IN_PROGRESS")), 409, "invalid-transition");
        verify(clinician.client(), id, Map.of("fullName", "ADA MARIA LOVELACE", "dateOfBirth", "1980-02-01"));
        assertThat(fx.transition(id, "IN_PROGRESS").path("status").asString()).isEqualTo("IN_PROGRESS");
        assertProblem(fx.staff.post(path, body("to", "CANCELLED")), 409, "invalid-transition");
        assertThat(fx.transition(id, "ENDED").path("status").asString()).isEqualTo("ENDED");
        for (String to : List.of("WAITING", "IN_PROGRESS", "ENDED", "CANCELLED", "NO_SHOW")) {
            assertProblem(fx.staff.post(path, body("to", to)), 409, "invalid-transition");
        }
        assertProblem(
                fx.staff.post("/api/v1/visits/" + UUID.randomUUID() + "/transitions", body("to", "WAITING")),
                404,
                "visit-not-found");
    }

    @Test
    void verifiesIdentityBeforeTheChartOpensAndStoresNoValues() {
        VisitFixture fx = fx();
        Clinician clinician = fx.clinician();
        PatientRecord patient = fx.patient();
        String id = fx.visit(patient, 5, clinician.id()).path("id").asString();
        String verify = "/api/v1/visits/" + id + "/identity-verification";
        String chart = "/api/v1/visits/" + id + "/chart";

        assertProblem(clinician.client().get(chart), 403, "identity-not-verified");
        assertProblem(
                clinician
                        .client()
                        .post(
                                verify,
                                dataPoints(Map.of("fullName", "Ada Maria Lovelace", "dateOfBirth", "1980-02-01"))),
                409,
                "invalid-transition");
        fx.transition(id, "WAITING");
        assertProblem(
                clinician.client().post(verify, dataPoints(Map.of("fullName", "Ada Maria Lovelace"))),
                400,
                "too-few-data-points");
        assertProblem(
                clinician.client().post(verify, dataPoints(Map.of("fullName", "Ada", "shoeSize", "42"))),
                400,
                "unknown-field");
        assertProblem(
                clinician.client().post(verify, dataPoints(Map.of("fullName", "x".repeat(201), "mrn", "A1"))),
                400,
                "invalid-request");

        JsonNode mismatch = json(expect(
                clinician
                        .client()
                        .post(
                                verify,
                                dataPoints(Map.of("fullName", "Ada Maria Lovelace", "dateOfBirth", "1980-02-02"))),
                200));
        assertThat(mismatch.path("verified").asBoolean()).isFalse();
        assertThat(mismatch.path("matched").get(0).asString()).isEqualTo("fullName");
        assertThat(mismatch.path("mismatched").get(0).asString()).isEqualTo("dateOfBirth");
        assertThat(mismatch.path("attemptsLeft").asInt()).isEqualTo(2);
        assertProblem(clinician.client().get(chart), 403, "identity-not-verified");

        JsonNode verified = json(expect(
                fx.staff.post(
                        verify,
                        dataPoints(Map.of(
                                "fullName", " ada maría  LOVELACE ", "phone", "555 010 2030 1", "mrn", patient.mrn()))),
                200));
        assertThat(verified.path("verified").asBoolean())
                .as(verified.toString())
                .isFalse();
        JsonNode ok = json(expect(
                fx.staff.post(verify, dataPoints(Map.of("fullName", " ada maría  LOVELACE ", "mrn", patient.mrn()))),
                200));
        assertThat(ok.path("verified").asBoolean()).isTrue();
        assertThat(ok.path("mismatched")).isEmpty();
        assertThat(json(expect(fx.staff.get("/api/v1/visits/" + id), 200))
                        .path("status")
                        .asString())
                .isEqualTo("IDENTITY_VERIFIED");

        assertProblem(fx.staff.get(chart), 403, "access-denied");
        HttpResponse<String> answer = clinician.client().get(chart);
        JsonNode summary = json(expect(answer, 200));
        // Written straight to the response by ChartJson (ChartJsonTests: the records' JSON): labelled
        // JSON and sent whole with its length, as the converters sent it.
        assertThat(answer.headers().firstValue("Content-Type")).contains("application/json");
        Answers.assertSentWithItsLength(answer);
        assertThat(answer.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
        assertThat(summary.path("patient").path("fullName").asString()).isEqualTo("Ada María Lovelace");
        assertThat(summary.path("patient").path("dateOfBirth").asString()).isEqualTo("1980-02-01");
        assertThat(summary.path("patient").path("mrn").asString()).isEqualTo(patient.mrn());
        assertThat(summary.path("visit").path("id").asString()).isEqualTo(id);
        assertThat(summary.path("identityVerification").path("verifiedBy").asString())
                .isNotBlank();
        assertThat(summary.path("identityVerification").path("dataPoints").toString())
                .contains("fullName", "mrn");
        assertThat(summary.path("history").get(0).path("id").asString()).isEqualTo(id);
        // Only JSON is produced: a chart asked for as anything else is refused before it is read or decided.
        CapturedAuditEvents events = server().context().getBean(CapturedAuditEvents.class);
        Predicate<AuditEvent> chartReads =
                e -> id.equals(e.visitId()) && e.action().equals("chart.read");
        int reads = events.matching(chartReads).size();
        HttpResponse<String> html = clinician
                .client()
                .send(HttpRequest.newBuilder(server().uri(chart)).header("Accept", "text/html"));
        assertThat(html.statusCode()).isEqualTo(406);
        assertThat(html.body()).doesNotContain("Lovelace");
        assertThat(events.matching(chartReads)).hasSize(reads);
        assertProblem(
                clinician
                        .client()
                        .post(
                                verify,
                                dataPoints(Map.of("fullName", "Ada Maria Lovelace", "dateOfBirth", "1980-02-01"))),
                409,
                "invalid-transition");

        List<Map<String, Object>> rows = fx.jdbc()
                .sql("SELECT * FROM visit_verification_attempt WHERE visit_id = ?")
                .param(UUID.fromString(id))
                .query()
                .listOfRows();
        assertThat(rows).hasSize(3);
        List<Map<String, Object>> visitRows = fx.jdbc()
                .sql("SELECT * FROM visit WHERE id = ?")
                .param(UUID.fromString(id))
                .query()
                .listOfRows();
        // Only ids, times, numbers, booleans and codes: every text column holds upper-case codes.
        for (Map<String, Object> row : concat(rows, visitRows)) {
            row.values().stream()
                    .filter(v -> v instanceof String)
                    .forEach(v -> assertThat((String) v).matches("[A-Z_,]*"));
        }
        assertThat(rows.stream().map(r -> r.get("matched").toString())).contains("FULL_NAME,MRN");

        CapturedAuditEvents audit = server().context().getBean(CapturedAuditEvents.class);
        List<AuditEvent> outcomes =
                audit.matching(e -> id.equals(e.visitId()) && e.action().equals("visit.identity-verification"));
        assertThat(outcomes)
                .anyMatch(e -> e.outcome() == Outcome.DENIED && "identity-mismatch".equals(e.reason()))
                .anyMatch(e -> e.outcome() == Outcome.SUCCESS && "identity-verified".equals(e.reason()));
        assertThat(audit.matching(e -> id.equals(e.visitId())).toString()).doesNotContain("Lovelace");
    }

    @Test
    void flagsTheVisitForReviewAfterTooManyFailures() {
        VisitFixture fx = fx();
        Clinician clinician = fx.clinician();
        PatientRecord patient = fx.patient();
        String id = fx.visit(patient, 5, clinician.id()).path("id").asString();
        fx.transition(id, "WAITING");
        String verify = "/api/v1/visits/" + id + "/identity-verification";
        String wrong = dataPoints(Map.of("fullName", "Grace Hopper", "dateOfBirth", "1906-12-09"));
        assertThat(json(expect(clinician.client().post(verify, wrong), 200))
                        .path("attemptsLeft")
                        .asInt())
                .isEqualTo(2);
        assertThat(json(expect(clinician.client().post(verify, wrong), 200))
                        .path("attemptsLeft")
                        .asInt())
                .isEqualTo(1);
        JsonNode third = json(expect(clinician.client().post(verify, wrong), 200));
        assertThat(third.path("attemptsLeft").asInt()).isZero();
        assertThat(json(expect(fx.staff.get("/api/v1/visits/" + id), 200))
                        .path("flaggedForReview")
                        .asBoolean())
                .isTrue();
        assertProblem(
                clinician
                        .client()
                        .post(
                                verify,
                                dataPoints(Map.of("fullName", "Ada Maria Lovelace", "dateOfBirth", "1980-02-01"))),
                409,
                "visit-flagged-for-review");
        assertProblem(clinician.client().get("/api/v1/visits/" + id + "/chart"), 403, "identity-not-verified");
        CapturedAuditEvents audit = server().context().getBean(CapturedAuditEvents.class);
        assertThat(audit.matching(e -> id.equals(e.visitId()) && e.action().equals("visit.flag-for-review")))
                .hasSize(1);
        assertThat(audit.matching(e -> id.equals(e.visitId()) && "visit-flagged-for-review".equals(e.reason())))
                .hasSize(1);
    }

    @Test
    void answersCareRelationshipsFromVisitsAndCareTeams() {
        VisitFixture fx = fx();
        Clinician a = fx.clinician();
        Clinician b = fx.clinician();
        PatientRecord patient = fx.patient();
        String both = fx.visit(patient, 5, a.id(), b.id()).path("id").asString();
        String onlyA = fx.visit(patient, 120, a.id()).path("id").asString();
        fx.transition(onlyA, "NO_SHOW");
        CareRelationships care = server().context().getBean(CareRelationships.class);

        VisitFacts facts = care.visit(VisitId.of(UUID.fromString(both))).orElseThrow();
        assertThat(facts.patientId()).isEqualTo(patient.id());
        assertThat(facts.clinicianIds()).containsExactlyInAnyOrder(UUID.fromString(a.id()), UUID.fromString(b.id()));
        assertThat(facts.end()).isEqualTo(facts.start().plusSeconds(1800));
        assertThat(facts.identityVerified()).isFalse();
        assertThat(facts.closed()).isFalse();
        assertThat(care.visit(VisitId.of(UUID.randomUUID()))).isEmpty();

        List<VisitFacts> ofA = care.visitsWith(UUID.fromString(a.id()), PatientId.of(patient.id()));
        assertThat(ofA).extracting(f -> f.visitId().toString()).containsExactly(both, onlyA);
        assertThat(ofA.get(0).clinicianIds()).hasSize(2);
        assertThat(ofA.get(1).closed()).isTrue();
        assertThat(care.visitsWith(UUID.fromString(b.id()), PatientId.of(patient.id())))
                .extracting(f -> f.visitId().toString())
                .containsExactly(both);
        assertThat(care.visitsWith(
                        UUID.fromString(b.id()), PatientId.of(fx.patient().id())))
                .isEmpty();
        assertThat(care.visitsWith(UUID.randomUUID(), PatientId.of(patient.id())))
                .isEmpty();
    }

    static void verify(Workforce client, String visitId, Map<String, Object> points) {
        JsonNode result = json(
                expect(client.post("/api/v1/visits/" + visitId + "/identity-verification", dataPoints(points)), 200));
        assertThat(result.path("verified").asBoolean()).as(result.toString()).isTrue();
    }

    static String dataPoints(Map<String, ?> points) {
        return body("dataPoints", points);
    }

    static void assertProblem(HttpResponse<String> response, int status, String code) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
        assertThat(json(response).path("code").asString()).as(response.body()).isEqualTo(code);
        Answers.assertSentWithItsLength(response);
    }

    private static List<Map<String, Object>> concat(List<Map<String, Object>> a, List<Map<String, Object>> b) {
        List<Map<String, Object>> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
