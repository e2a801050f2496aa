package health.securevisit.visit;

import static health.securevisit.support.Workforce.body;
import static health.securevisit.support.Workforce.expect;
import static health.securevisit.support.Workforce.json;

import health.securevisit.patient.PatientDetails;
import health.securevisit.patient.PatientRecord;
import health.securevisit.patient.Patients;
import health.securevisit.support.Clinic;
import health.securevisit.support.RunningServer;
import health.securevisit.support.Workforce;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Test fixture of the visit tests on one server: a signed-in staff member and administrator shared
 * by the tests, a fresh signed-in clinician per test (so visits never overlap across tests), patients
 * created through the patient module's API, visits scheduled through the REST API.
 */
final class VisitFixture {

    record Clinician(String id, Workforce client) {}

    private static final Map<RunningServer, VisitFixture> FIXTURES = new ConcurrentHashMap<>();

    final RunningServer server;
    final Workforce staff;
    final Workforce admin;

    private VisitFixture(RunningServer server) {
        this.server = server;
        this.staff = signedIn(server, "STAFF").client();
        this.admin = Workforce.adminClient(server);
    }

    static VisitFixture of(RunningServer server) {
        return FIXTURES.computeIfAbsent(server, VisitFixture::new);
    }

    static Clinician signedIn(RunningServer server, String... roles) {
        Workforce.Account account =
                Workforce.newAccount(server, Workforce.unique("visit." + roles[0].toLowerCase()), roles);
        return new Clinician(account.id(), Workforce.on(server).signIn(account));
    }

    Clinician clinician() {
        return signedIn(server, "CLINICIAN");
    }

    PatientRecord patient() {
        return server.context()
                .getBean(Patients.class)
                .create(new PatientDetails(
                        "MRN-" + UUID.randomUUID().toString().substring(0, 8),
                        "Ada María Lovelace",
                        LocalDate.of(1980, 2, 1),
                        "12 Example Street, Springfield",
                        "+1 (555) 010-2030",
                        "ada@example.org",
                        "INS-42"));
    }

    /** A visit starting {@code minutesFromNow} from now (30 minutes long), scheduled by staff. */
    JsonNode visit(PatientRecord patient, int minutesFromNow, String... clinicianIds) {
        return json(
                expect(staff.post("/api/v1/visits", newVisit(patient.id(), minutesFromNow, 30, clinicianIds)), 201));
    }

    static String newVisit(UUID patientId, int minutesFromNow, int duration, String... clinicianIds) {
        return newVisit(
                patientId, Instant.now().truncatedTo(ChronoUnit.SECONDS), minutesFromNow, duration, clinicianIds);
    }

    /** A visit starting {@code minutes} after {@code base} (tests that place visits side by side share one base). */
    static String newVisit(UUID patientId, Instant base, int minutes, int duration, String... clinicianIds) {
        return Clinic.newVisit(patientId.toString(), base.plusSeconds(60L * minutes), duration, clinicianIds);
    }

    JsonNode transition(String visitId, String to) {
        return json(expect(staff.post("/api/v1/visits/" + visitId + "/transitions", body("to", to)), 200));
    }

    JdbcClient jdbc() {
        return server.context().getBean(JdbcClient.class);
    }
}
