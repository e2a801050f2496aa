package health.securevisit.visit;

import static health.securevisit.support.Workforce.body;
import static health.securevisit.support.Workforce.expect;
import static health.securevisit.support.Workforce.json;
import static health.securevisit.visit.VisitContract.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import health.securevisit.audit.AuditEvent;
import health.securevisit.audit.Outcome;
import health.securevisit.audit.PurposeOfUse;
import health.securevisit.patient.PatientRecord;
import health.securevisit.support.CapturedAuditEvents;
import health.securevisit.support.RunningServer;
import health.securevisit.support.Workforce;
import health.securevisit.visit.VisitFixture.Clinician;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Patient join links on one storage: single use, visit-bound, time-boxed, hashed, DOB-confirmed, throttled. */
abstract class JoinLinkContract {

    /** Each test joins from its own loopback address, so the per-source limit of one does not touch another. */
    private static final AtomicInteger SOURCES = new AtomicInteger(10);

    abstract RunningServer server();

    VisitFixture fx() {
        return VisitFixture.of(server());
    }

    record Link(String token, String visitId, JsonNode json) {}

    Link link(String visitId, Workforce by) {
        JsonNode created = json(expect(by.post("/api/v1/visits/" + visitId + "/join-links", "{}"), 201));
        String url = created.path("url").asString();
        // The configured public URL, by default https://localhost:<port>: never the request's Host.
        assertThat(url).startsWith("https://localhost:" + server().port() + "/join#");
        return new Link(url.substring(url.indexOf('#') + 1), visitId, created);
    }

    Workforce patientBrowser() {
        return Workforce.from(server(), "127.0.0." + SOURCES.incrementAndGet());
    }

    static HttpResponse<String> join(Workforce patient, String token, String dob) {
        return patient.post("/api/v1/join", body("token", token, "dateOfBirth", dob));
    }

    @Test
    void aPatientJoinsOnceWithTheLinkAndTheirDateOfBirth() {
        VisitFixture fx = fx();
        Clinician clinician = fx.clinician();
        PatientRecord patient = fx.patient();
        String visitId = fx.visit(patient, 10, clinician.id()).path("id").asString();
        Link link = link(visitId, clinician.client());
        assertThat(link.token()).matches("[A-Za-z0-9_-]{43}");
        Instant start = Instant.parse(json(expect(fx.staff.get("/api/v1/visits/" + visitId), 200))
                .path("start")
                .asString());
        assertThat(Instant.parse(link.json().path("validFrom").asString())).isEqualTo(start.minusSeconds(900));
        assertThat(Instant.parse(link.json().path("validUntil").asString())).isEqualTo(start.plusSeconds(1800));

        // Only the SHA-256 of the token is stored, nowhere the token itself.
        List<Map<String, Object>> rows = fx.jdbc()
                .sql("SELECT * FROM visit_join_link WHERE visit_id = ?")
                .param(UUID.fromString(visitId))
                .query()
                .listOfRows();
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0).get("token_hash")).isEqualTo(sha256(link.token()));
        assertThat(rows.get(0).values().toString()).doesNotContain(link.token());

        Workforce patientSide = patientBrowser();
        HttpResponse<String> wrongDob = join(patientSide, link.token(), "1980-02-02");
        assertProblem(wrongDob, 403, "join-refused");
        assertProblem(join(patientSide, link.token(), "1980-2-1"), 400, "invalid-request");
        HttpResponse<String> joined = expect(join(patientSide, link.token(), "1980-02-01"), 200);
        JsonNode answer = json(joined);
        assertThat(answer.propertyNames())
                .containsExactlyInAnyOrder("status", "start", "visitId", "participantId", "room");
        assertThat(answer.path("visitId").asString()).isEqualTo(visitId);
        assertThat(answer.path("room").asString()).isEqualTo("/api/v1/visits/" + visitId + "/room");
        // The room credential travels in a cookie only, never in the body.
        assertThat(joined.headers().allValues("Set-Cookie"))
                .anyMatch(c -> c.startsWith("__Host-SVROOM=")
                        && c.contains("HttpOnly")
                        && c.contains("Secure")
                        && c.contains("SameSite=Strict")
                        && c.contains("Path=/"));
        assertThat(answer.path("status").asString()).isEqualTo("WAITING");
        assertThat(joined.body())
                .doesNotContain("Lovelace", "1980", patient.mrn(), patient.id().toString());
        assertThat(json(expect(fx.staff.get("/api/v1/visits/" + visitId), 200))
                        .path("status")
                        .asString())
                .isEqualTo("WAITING");

        HttpResponse<String> replay = join(patientSide, link.token(), "1980-02-01");
        assertProblem(replay, 403, "join-refused");
        // Every refusal reads the same: no hint whether the token, its state or the date was wrong.
        assertThat(json(replay).path("detail")).isEqualTo(json(wrongDob).path("detail"));
        assertProblem(join(patientSide, link.token().substring(1) + "A", "1980-02-01"), 403, "join-refused");
        assertProblem(join(patientSide, "short", "1980-02-01"), 403, "join-refused");

        CapturedAuditEvents audit = server().context().getBean(CapturedAuditEvents.class);
        List<AuditEvent> events = audit.matching(e -> e.action().equals("visit.join") && visitId.equals(e.visitId()));
        assertThat(events)
                .anyMatch(e -> e.outcome() == Outcome.SUCCESS
                        && "patient".equals(e.actorId())
                        && e.purpose() == PurposeOfUse.TREATMENT
                        && patient.id().toString().equals(e.patientId()));
        assertThat(events).anyMatch(e -> e.outcome() == Outcome.DENIED && "wrong-date-of-birth".equals(e.reason()));
        assertThat(events).anyMatch(e -> e.outcome() == Outcome.DENIED && "link-used".equals(e.reason()));
        assertThat(audit.matching(e -> e.action().equals("visit.join") && "unknown-token".equals(e.reason())))
                .isNotEmpty();
    }

    @Test
    void onlyStaffAndTheCareTeamCreateLinks() {
        VisitFixture fx = fx();
        Clinician clinician = fx.clinician();
        Clinician other = fx.clinician();
        String visitId = fx.visit(fx.patient(), 10, clinician.id()).path("id").asString();
        String path = "/api/v1/visits/" + visitId + "/join-links";
        assertProblem(other.client().post(path, "{}"), 403, "access-denied");
        assertProblem(fx.admin.post(path, "{}"), 403, "access-denied");
        assertThat(Workforce.on(server()).post(path, "{}").statusCode()).isEqualTo(401);
        assertProblem(
                fx.staff.post("/api/v1/visits/" + UUID.randomUUID() + "/join-links", "{}"), 404, "visit-not-found");
        fx.transition(visitId, "CANCELLED");
        assertProblem(fx.staff.post(path, "{}"), 409, "visit-not-joinable");
        assertThat(fx.jdbc()
                        .sql("SELECT COUNT(*) FROM visit_join_link WHERE visit_id = ?")
                        .param(UUID.fromString(visitId))
                        .query(Long.class)
                        .single())
                .isZero();
    }

    @Test
    void aNewerLinkRevokesTheEarlierOne() {
        VisitFixture fx = fx();
        Clinician clinician = fx.clinician();
        String visitId = fx.visit(fx.patient(), 10, clinician.id()).path("id").asString();
        Link first = link(visitId, fx.staff);
        Link second = link(visitId, fx.staff);
        Workforce patientSide = patientBrowser();
        assertProblem(join(patientSide, first.token(), "1980-02-01"), 403, "join-refused");
        expect(join(patientSide, second.token(), "1980-02-01"), 200);
    }

    @Test
    void fiveWrongDatesOfBirthRevokeTheLink() {
        VisitFixture fx = fx();
        Clinician clinician = fx.clinician();
        String visitId = fx.visit(fx.patient(), 10, clinician.id()).path("id").asString();
        Link link = link(visitId, fx.staff);
        Workforce patientSide = patientBrowser();
        for (int i = 0; i < 5; i++) {
            assertProblem(join(patientSide, link.token(), "1990-01-0" + (i + 1)), 403, "join-refused");
        }
        assertProblem(join(patientSide, link.token(), "1980-02-01"), 403, "join-refused");
        assertThat(fx.jdbc()
                        .sql("SELECT revoked_at FROM visit_join_link WHERE token_hash = ?")
                        .param(sha256(link.token()))
                        .query(Timestamp.class)
                        .single())
                .isNotNull();
        assertThat(json(expect(fx.staff.get("/api/v1/visits/" + visitId), 200))
                        .path("status")
                        .asString())
                .isEqualTo("SCHEDULED");
    }

    @Test
    void aLinkWorksOnlyInsideItsWindow() {
        VisitFixture fx = fx();
        Clinician clinician = fx.clinician();
        Workforce patientSide = patientBrowser();
        String tomorrow =
                fx.visit(fx.patient(), 24 * 60, clinician.id()).path("id").asString();
        Link early = link(tomorrow, fx.staff);
        assertProblem(join(patientSide, early.token(), "1980-02-01"), 403, "join-refused");

        String soon = fx.visit(fx.patient(), 10, clinician.id()).path("id").asString();
        Link late = link(soon, fx.staff);
        fx.jdbc()
                .sql("UPDATE visit_join_link SET valid_until = ? WHERE token_hash = ?")
                .params(Timestamp.from(Instant.now().minusSeconds(60)), sha256(late.token()))
                .update();
        assertProblem(join(patientSide, late.token(), "1980-02-01"), 403, "join-refused");
        CapturedAuditEvents audit = server().context().getBean(CapturedAuditEvents.class);
        assertThat(audit.matching(e -> tomorrow.equals(e.visitId()) && "link-not-yet-valid".equals(e.reason())))
                .hasSize(1);
        assertThat(audit.matching(e -> soon.equals(e.visitId()) && "link-expired".equals(e.reason())))
                .hasSize(1);

        // A visit that has ended gets no new link.
        // (No visit is scheduled in the past: one is moved there, to have ended ten minutes ago.)
        String past = fx.visit(fx.patient(), 100, clinician.id()).path("id").asString();
        fx.jdbc()
                .sql("UPDATE visit SET start_at = ?, end_at = ? WHERE id = ?")
                .params(
                        Timestamp.from(Instant.now().minusSeconds(40 * 60)),
                        Timestamp.from(Instant.now().minusSeconds(10 * 60)),
                        java.util.UUID.fromString(past))
                .update();
        assertProblem(fx.staff.post("/api/v1/visits/" + past + "/join-links", "{}"), 409, "visit-not-joinable");
    }

    @Test
    void joinAttemptsAreRateLimitedPerSourceAddress() {
        Workforce patientSide = patientBrowser();
        for (int i = 0; i < 10; i++) {
            assertProblem(join(patientSide, "A".repeat(43), "1980-02-01"), 403, "join-refused");
        }
        HttpResponse<String> limited = join(patientSide, "A".repeat(43), "1980-02-01");
        assertProblem(limited, 429, "too-many-attempts");
        assertThat(limited.headers().firstValue("Retry-After")).isPresent();
        // Another address is not affected.
        assertProblem(join(patientBrowser(), "A".repeat(43), "1980-02-01"), 403, "join-refused");
    }

    static String sha256(String token) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
