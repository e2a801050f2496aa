package health.securevisit.support;

import static health.securevisit.support.Workforce.body;
import static health.securevisit.support.Workforce.expect;
import static health.securevisit.support.Workforce.json;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

/**
 * Test support: a staff member and a clinician signed in on one server, and a patient whose visit
 * with that clinician starts in five minutes, is WAITING and has had the patient's identity verified:
 * the clinician may open its chart.
 */
public record Clinic(
        Workforce staff,
        Workforce clinician,
        String patientId,
        String visitId,
        String fullName,
        Workforce.Account doctor) {

    public static final String DATE_OF_BIRTH = "1980-02-03";

    /** The body of {@code POST /api/v1/visits}: a video visit of the patient with the clinicians. */
    public static String newVisit(String patientId, Instant start, int durationMinutes, String... clinicianIds) {
        return body(
                "patientId",
                patientId,
                "clinicianIds",
                List.of(clinicianIds),
                "start",
                start.toString(),
                "durationMinutes",
                durationMinutes,
                "modality",
                "VIDEO");
    }

    /** A staff member, a clinician, a patient and a visit of theirs starting in five minutes (SCHEDULED). */
    public static Clinic withScheduledVisit(RunningServer server) {
        Workforce staff =
                Workforce.on(server).signIn(Workforce.newAccount(server, Workforce.unique("clinic.staff"), "STAFF"));
        Workforce.Account doctor = Workforce.newAccount(server, Workforce.unique("clinic.doc"), "CLINICIAN");
        Workforce clinician = Workforce.on(server).signIn(doctor);
        String fullName = "Clinic Patient " + Long.toString(System.nanoTime(), 36);
        String patient = json(expect(
                        staff.post(
                                "/api/v1/patients",
                                body(
                                        "mrn",
                                        "CL-" + System.nanoTime(),
                                        "fullName",
                                        fullName,
                                        "dateOfBirth",
                                        DATE_OF_BIRTH)),
                        201))
                .path("id")
                .asString();
        String visit = json(expect(
                        staff.post(
                                "/api/v1/visits",
                                newVisit(
                                        patient,
                                        Instant.now().plusSeconds(300).truncatedTo(ChronoUnit.MINUTES),
                                        30,
                                        doctor.id())),
                        201))
                .path("id")
                .asString();
        return new Clinic(staff, clinician, patient, visit, fullName, doctor);
    }

    public static Clinic withVerifiedVisit(RunningServer server) {
        Clinic c = withScheduledVisit(server);
        Workforce staff = c.staff();
        String visit = c.visitId();
        String fullName = c.fullName();
        expect(staff.post("/api/v1/visits/" + visit + "/transitions", body("to", "WAITING")), 200);
        expect(
                staff.post(
                        "/api/v1/visits/" + visit + "/identity-verification",
                        body("dataPoints", Map.of("fullName", fullName, "dateOfBirth", DATE_OF_BIRTH))),
                200);
        return c;
    }

    public String chartPath() {
        return "/api/v1/visits/" + visitId + "/chart";
    }
}
