package health.securevisit.records;

import static health.securevisit.records.FormsAndExportTests.CONSENT;
import static health.securevisit.records.FormsAndExportTests.INTAKE;
import static health.securevisit.records.FormsAndExportTests.response;
import static health.securevisit.records.FormsAndExportTests.text;
import static health.securevisit.support.Workforce.body;
import static health.securevisit.support.Workforce.expect;
import static health.securevisit.support.Workforce.json;
import static org.assertj.core.api.Assertions.assertThat;

import health.securevisit.audit.AuditEvent;
import health.securevisit.support.CapturedAuditEvents;
import health.securevisit.support.Clinic;
import health.securevisit.support.RunningServer;
import health.securevisit.support.TestServers;
import health.securevisit.support.Workforce;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The patient fills the assigned forms and gives or withdraws consent from the join page, with the
 * visit's room credential ({@code __Host-SVROOM}) only, for that visit only, while it is live.
 */
class PatientFormsAndConsentTests {

    final RunningServer server = TestServers.h2();

    /** The fixture's visit (identity verified), which its patient joined through a link. */
    record Joined(RecordingFixture fx, String visit, Workforce patient) {
        String path(String tail) {
            return "/api/v1/visits/" + visit + "/room/" + tail;
        }
    }

    Joined joined() {
        RecordingFixture fx = new RecordingFixture(server, Clinic.withScheduledVisit(server));
        Workforce staff = fx.clinic().staff();
        String visit = fx.visit();
        String url = json(expect(staff.post("/api/v1/visits/" + visit + "/join-links", "{}"), 201))
                .path("url")
                .asString();
        Workforce patient =
                Workforce.from(server, "127.0.3." + ThreadLocalRandom.current().nextInt(2, 250));
        expect(
                patient.post(
                        "/api/v1/join",
                        body("token", url.substring(url.indexOf('#') + 1), "dateOfBirth", Clinic.DATE_OF_BIRTH)),
                200);
        return new Joined(fx, visit, patient);
    }

    static HttpResponse<String> answer(Workforce who, String visitPath, String url, String items) {
        return who.post(visitPath, "{\"url\":\"" + url + "\",\"response\":" + response(items) + "}");
    }

    @Test
    void thePatientAnswersAssignedFormsWithErrorsPerItem() {
        Joined j = joined();
        expect(j.fx().clinic().staff().post("/api/v1/visits/" + j.visit() + "/forms", body("url", INTAKE)), 201);
        JsonNode view = json(expect(j.patient().get(j.path("forms")), 200));
        assertThat(view.path("forms")).hasSize(1);
        assertThat(view.path("forms").get(0).path("url").asString()).isEqualTo(INTAKE);
        assertThat(view.path("forms").get(0).path("answered").asBoolean()).isFalse();
        assertThat(Workforce.JSON
                        .readTree(
                                view.path("forms").get(0).path("questionnaire").asString())
                        .path("resourceType")
                        .asString())
                .isEqualTo("Questionnaire");

        HttpResponse<String> bad = answer(
                j.patient(),
                j.path("forms"),
                INTAKE,
                String.join(
                        ",",
                        text("reason", "x".repeat(1001)),
                        "{\"linkId\":\"location-private\",\"answer\":[{\"valueString\":\"yes\"}]}"));
        Problem.is(bad, 400, "form-answers-invalid");
        assertThat(json(bad).path("items").findValuesAsString("linkId"))
                .contains("reason", "location-private", "location-state");
        // A form that is not assigned to this visit.
        Problem.is(answer(j.patient(), j.path("forms"), CONSENT, ""), 404, "form-not-assigned");

        String good = String.join(
                ",",
                text("reason", "Rash on the left arm"),
                text("location-state", "Oregon"),
                "{\"linkId\":\"location-private\",\"answer\":[{\"valueBoolean\":true}]}");
        assertThat(answer(j.patient(), j.path("forms"), INTAKE, good).statusCode())
                .isEqualTo(204);
        assertThat(json(expect(j.patient().get(j.path("forms")), 200))
                        .path("forms")
                        .get(0)
                        .path("answered")
                        .asBoolean())
                .isTrue();
        assertThat(server.context()
                        .getBean(CapturedAuditEvents.class)
                        .matching(
                                e -> j.visit().equals(e.visitId()) && e.action().equals("records.form.answer")))
                .extracting(e -> e.outcome().name())
                .contains("SUCCESS", "DENIED");
    }

    @Test
    void onlyTheVisitsOwnRoomCredentialAnswersAndNotAfterTheVisitEnded() {
        Joined j = joined();
        Joined other = joined();
        expect(j.fx().clinic().staff().post("/api/v1/visits/" + j.visit() + "/forms", body("url", INTAKE)), 201);
        String items = text("reason", "Cough");
        String consent = body("kind", "RECORDING", "answer", "GIVEN");
        // Another visit's credential, no credential, a workforce session: refused, nothing stored.
        for (Workforce who : List.of(
                other.patient(),
                Workforce.from(server, "127.0.4.9"),
                j.fx().doctor(),
                j.fx().clinic().staff())) {
            assertThat(who.get(j.path("forms")).statusCode()).isIn(401, 403);
            assertThat(answer(who, j.path("forms"), INTAKE, items).statusCode()).isIn(401, 403);
            assertThat(who.post(j.path("consents"), consent).statusCode()).isIn(401, 403);
        }
        // The patient's own credential names one visit: the path of another is refused.
        assertThat(j.patient().post(other.path("consents"), consent).statusCode())
                .isEqualTo(403);
        assertThat(j.patient().get(other.path("forms")).statusCode()).isEqualTo(403);
        assertThat(json(expect(j.patient().get(j.path("forms")), 200))
                        .path("recording")
                        .isNull())
                .isTrue();

        expect(
                j.fx().clinic().staff().post("/api/v1/visits/" + j.visit() + "/transitions", body("to", "CANCELLED")),
                200);
        assertThat(answer(j.patient(), j.path("forms"), INTAKE, items).statusCode())
                .isIn(403, 409);
        assertThat(j.patient().post(j.path("consents"), consent).statusCode()).isIn(403, 409);
        assertThat(server.context()
                        .getBean(CapturedAuditEvents.class)
                        .matching(
                                e -> j.visit().equals(e.visitId()) && e.action().equals("records.consent.patient")))
                .isEmpty();
    }

    @Test
    void thePatientsWithdrawalStopsTheClinicianRecording() {
        Joined j = joined();
        RecordingFixture fx = j.fx();
        // The identity step (the visit is WAITING since the join), as the room does before admission.
        expect(
                fx.clinic()
                        .staff()
                        .post(
                                "/api/v1/visits/" + j.visit() + "/identity-verification",
                                body(
                                        "dataPoints",
                                        Map.of(
                                                "fullName",
                                                fx.clinic().fullName(),
                                                "dateOfBirth",
                                                Clinic.DATE_OF_BIRTH))),
                200);
        JsonNode given =
                json(expect(j.patient().post(j.path("consents"), body("kind", "RECORDING", "answer", "GIVEN")), 201));
        assertThat(given.path("answer").asString()).isEqualTo("GIVEN");
        expect(j.patient().post(j.path("consents"), body("kind", "TELEHEALTH", "answer", "GIVEN")), 201);
        JsonNode consents = json(expect(fx.doctor().get("/api/v1/visits/" + j.visit() + "/consents"), 200));
        assertThat(consents.path("recordingAllowed").asBoolean()).isTrue();
        consents.path("decisions")
                .forEach(d -> assertThat(d.path("attested").asBoolean())
                        .as("the patient's own answer")
                        .isFalse());

        byte[] media = RecordingFixture.media(3000, "w");
        String id = json(expect(
                        fx.doctor()
                                .post(
                                        "/api/v1/visits/" + j.visit() + "/recordings",
                                        body(
                                                "contentType",
                                                "video/webm",
                                                "size",
                                                media.length,
                                                "sha256",
                                                RecordingFixture.sha256(media))),
                        201))
                .path("id")
                .asString();
        expect(fx.chunk(fx.doctor(), id, 0, RecordingFixture.part(media, 1000, 0)), 200);

        expect(j.patient().post(j.path("consents"), body("kind", "RECORDING", "answer", "WITHDRAWN")), 201);
        assertThat(json(expect(fx.doctor().get("/api/v1/visits/" + j.visit() + "/consents"), 200))
                        .path("recordingAllowed")
                        .asBoolean())
                .isFalse();
        Problem.is(
                fx.chunk(fx.doctor(), id, 1, RecordingFixture.part(media, 1000, 1)), 409, "recording-consent-required");
        assertThat(json(expect(j.patient().get(j.path("forms")), 200))
                        .path("recording")
                        .asString())
                .isEqualTo("WITHDRAWN");
        assertThat(server.context()
                        .getBean(CapturedAuditEvents.class)
                        .matching(
                                e -> j.visit().equals(e.visitId()) && e.action().equals("records.consent.patient")))
                .extracting(AuditEvent::reason)
                .containsExactly("recording-given", "telehealth-given", "recording-withdrawn");
    }
}
