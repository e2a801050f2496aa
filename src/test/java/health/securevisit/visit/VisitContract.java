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
import health.securevisit.patient.Patients;
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
                "start-in-past");
        assertProblem(
                fx.staff.post("/api/v1/visits", VisitFixture.newVisit(patient.id(), -3, 30, clinician.id())),
                400,
                "start-in-past");
        CapturedAuditEvents audit = server().context().getBean(CapturedAuditEvents.class);
        assertThat(audit.matching(e -> e.action().equals("visit.create")
                        && patient.id().toString().equals(e.patientId())
                        && "start-in-past".equals(e.reason())))
                .as("the refused attempts are audited")
                .hasSize(2)
                .allMatch(e -> e.outcome() == Outcome.DENIED);
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
        assertProblem(fx.staff.post("/api/v1/visits", valid.replace("VIDEO", "CARRIER_PIGEON")), 400, "invalid-body");
        assertProblem(
                fx.staff.post("/api/v1/visits", valid.replace(patient.id().toString(), "not-a-uuid")),
                400,
                "invalid-body");
        assertProblem(fx.staff.post("/api/v1/visits", "{"), 400, "invalid-body");
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
        // Two front-desk sessions (a clinician without a prior visit cannot book themselves).
        Workforce otherDesk = VisitFixture.signedIn(server(), "STAFF").client();
        List<Workforce> clients = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            clients.add(i % 2 == 0 ? fx.staff : otherDesk);
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
        assertProblem(fx.staff.post(path, body("to", "LATE")), 400, "invalid-body");
        assertProblem(other.client().post(path, body("to", "WAITING")), 403, "access-denied");
        assertProblem(fx.admin.post(path, body("to", "WAITING")), 403, "access-denied");
        assertProblem(clinician.client().post(path, body("to", "WAITING")), 403, "check-in-staff-only");
        assertThat(json(expect(fx.staff.post(path, body("to", "WAITING")), 200))
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
        // Labelled JSON, sent whole with its length by the JSON converter.
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

    /**
     * The outside review's path, end to end: a clinician who knows a patient id books a visit with
     * themselves (even 50 minutes ago), reads and changes the demographics, moves the visit to WAITING,
     * verifies with what the API returned and opens the chart. Every step fails; the legitimate path
     * (staff schedule, staff check-in, verification in the start window) still works.
     */
    @Test
    void aClinicianCannotGrantThemselvesAPatient() {
        VisitFixture fx = fx();
        Clinician rogue = fx.clinician();
        PatientRecord patient = fx.patient();
        String patientPath = "/api/v1/patients/" + patient.id();
        CapturedAuditEvents audit = server().context().getBean(CapturedAuditEvents.class);

        // 1. Booking a visit with themselves: refused before anything else, audited with the new visit's id.
        for (int minutes : new int[] {-50, 5}) {
            assertProblem(
                    rogue.client().post("/api/v1/visits", VisitFixture.newVisit(patient.id(), minutes, 30, rogue.id())),
                    403,
                    "care-relationship-required");
        }
        List<AuditEvent> refused = audit.matching(e -> e.action().equals("visit.create")
                && patient.id().toString().equals(e.patientId())
                && rogue.id().equals(e.actorId()));
        assertThat(refused).hasSize(2).allSatisfy(e -> {
            assertThat(e.outcome()).isEqualTo(Outcome.DENIED);
            assertThat(e.reason()).isEqualTo("no-prior-care-relationship");
            assertThat(e.resourceId()).isNotBlank().isEqualTo(e.visitId());
        });
        assertThat(visitsOf(fx, patient)).isZero();

        // 2. Demographics without any visit: neither readable nor writable.
        assertProblem(rogue.client().get(patientPath), 403, "access-denied");
        assertProblem(rogue.client().put(patientPath, patientBody(patient, "1999-09-09")), 403, "access-denied");

        // 3. With a visit the front desk booked: the name shows, the identity data points do not, and
        // nothing can be changed, checked in or verified before the patient is present.
        String id = fx.visit(patient, 5, rogue.id()).path("id").asString();
        JsonNode masked = json(expect(rogue.client().get(patientPath), 200));
        assertThat(masked.path("fullName").asString()).isEqualTo("Ada María Lovelace");
        assertThat(masked.path("identityDataMasked").asBoolean()).isTrue();
        for (String field : List.of("mrn", "dateOfBirth", "address", "phone", "email", "insuranceId")) {
            assertThat(masked.path(field).isNull()).as(field).isTrue();
        }
        assertThat(masked.toString()).doesNotContain("1980-02-01", patient.mrn(), "Springfield", "010-2030");
        assertThat(json(expect(rogue.client().get("/api/v1/patients"), 200)).toString())
                .doesNotContain("1980-02-01", patient.mrn());
        assertThat(json(expect(
                                rogue.client()
                                        .post(
                                                "/api/v1/patients/search",
                                                body("name", "Lovelace", "dateOfBirth", "1980-02-01")),
                                200))
                        .path("patients"))
                .as("a search by date of birth does not confirm it")
                .isEmpty();
        assertProblem(
                rogue.client().put(patientPath, patientBody(patient, "1999-09-09")), 403, "identity-not-verified");
        assertProblem(
                rogue.client().post("/api/v1/visits/" + id + "/transitions", body("to", "WAITING")),
                403,
                "check-in-staff-only");
        String verify = "/api/v1/visits/" + id + "/identity-verification";
        Map<String, Object> answered =
                Map.of("fullName", masked.path("fullName").asString(), "dateOfBirth", "1980-02-01");
        assertProblem(rogue.client().post(verify, dataPoints(answered)), 409, "invalid-transition");
        assertProblem(rogue.client().get("/api/v1/visits/" + id + "/chart"), 403, "identity-not-verified");
        assertThat(fx.server
                        .context()
                        .getBean(Patients.class)
                        .find(patient.id())
                        .orElseThrow()
                        .dateOfBirth())
                .isEqualTo(patient.dateOfBirth());

        // 4. The patient is checked in by the front desk; now the care team verifies and opens the chart.
        fx.transition(id, "WAITING");
        verify(rogue.client(), id, answered);
        expect(rogue.client().get("/api/v1/visits/" + id + "/chart"), 200);
        JsonNode open = json(expect(rogue.client().get(patientPath), 200));
        assertThat(open.path("identityDataMasked").asBoolean()).isFalse();
        assertThat(open.path("dateOfBirth").asString()).isEqualTo("1980-02-01");

        // 5. That visit took place, so the clinician may now book a follow-up with themselves.
        expect(
                rogue.client().post("/api/v1/visits", VisitFixture.newVisit(patient.id(), 60 * 24 * 7, 30, rogue.id())),
                201);
        List<AuditEvent> created = audit.matching(e ->
                e.action().equals("visit.create") && rogue.id().equals(e.actorId()) && e.outcome() == Outcome.SUCCESS);
        assertThat(created)
                .singleElement()
                .satisfies(e -> assertThat(e.reason()).isEqualTo("prior-care-relationship"));
    }

    @Test
    void verifiesIdentityOnlyInsideTheStartWindow() {
        VisitFixture fx = fx();
        Clinician clinician = fx.clinician();
        PatientRecord patient = fx.patient();
        String id = fx.visit(patient, 120, clinician.id()).path("id").asString();
        fx.transition(id, "WAITING");
        String verify = "/api/v1/visits/" + id + "/identity-verification";
        // The clinician's access window has not opened yet; staff reach the start-window check.
        assertProblem(
                clinician
                        .client()
                        .post(
                                verify,
                                dataPoints(Map.of("fullName", "Ada Maria Lovelace", "dateOfBirth", "1980-02-01"))),
                403,
                "access-denied");
        assertProblem(
                fx.staff.post(
                        verify, dataPoints(Map.of("fullName", "Ada Maria Lovelace", "dateOfBirth", "1980-02-01"))),
                409,
                "outside-start-window");
        assertThat(json(expect(fx.staff.get("/api/v1/visits/" + id), 200))
                        .path("identityVerified")
                        .asBoolean())
                .isFalse();
        CapturedAuditEvents audit = server().context().getBean(CapturedAuditEvents.class);
        assertThat(audit.matching(e -> id.equals(e.visitId()) && "outside-start-window".equals(e.reason())))
                .hasSize(1)
                .allMatch(e -> e.outcome() == Outcome.DENIED);
        // Hidden characters in an entered data point are refused before anything is compared.
        assertProblem(
                fx.staff.post(verify, dataPoints(Map.of("fullName", "Ada\u202eMaria", "dateOfBirth", "1980-02-01"))),
                400,
                "invalid-request");
    }

    @Test
    void theCreatedVisitsIdIsInItsAuditRecord() {
        VisitFixture fx = fx();
        Clinician clinician = fx.clinician();
        PatientRecord patient = fx.patient();
        String id = fx.visit(patient, 5, clinician.id()).path("id").asString();
        CapturedAuditEvents audit = server().context().getBean(CapturedAuditEvents.class);
        assertThat(audit.matching(e -> e.action().equals("visit.create") && id.equals(e.resourceId())))
                .singleElement()
                .satisfies(e -> {
                    assertThat(e.outcome()).isEqualTo(Outcome.SUCCESS);
                    assertThat(e.visitId()).isEqualTo(id);
                    assertThat(e.patientId()).isEqualTo(patient.id().toString());
                });
    }

    private static long visitsOf(VisitFixture fx, PatientRecord patient) {
        return fx.jdbc()
                .sql("SELECT COUNT(*) FROM visit WHERE patient_id = ?")
                .param(patient.id())
                .query(Long.class)
                .single();
    }

    private static String patientBody(PatientRecord patient, String dateOfBirth) {
        return body("mrn", patient.mrn(), "fullName", patient.fullName(), "dateOfBirth", dateOfBirth);
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
