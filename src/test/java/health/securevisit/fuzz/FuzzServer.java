package health.securevisit.fuzz;

import static health.securevisit.support.Workforce.body;
import static health.securevisit.support.Workforce.expect;
import static health.securevisit.support.Workforce.json;

import health.securevisit.support.Clinic;
import health.securevisit.support.RunningServer;
import health.securevisit.support.Workforce;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;

/**
 * The server the HTTP fuzz targets talk to (one per JVM): embedded H2, join throttling raised so
 * that fuzzing reaches the token check instead of the 429, and a clinic with signed-in staff, a
 * clinician, an administrator, a patient, a visit and an unused join link.
 */
public final class FuzzServer {

    private static FuzzServer instance;

    public final RunningServer server;
    public final Clinic clinic;
    public final Workforce admin;
    public final Workforce anonymous;
    public final String joinToken;
    /** An account the fuzzed user-administration bodies may change (never one the harness uses). */
    public final String spareUserId;

    private FuzzServer() {
        server = RunningServer.start(Map.of("visit.join-attempts-per-minute", "1000"));
        Runtime.getRuntime().addShutdownHook(new Thread(server::close));
        clinic = Clinic.withVerifiedVisit(server);
        admin = Workforce.adminClient(server);
        anonymous = Workforce.on(server);
        joinToken = joinableVisitLink();
        spareUserId = Workforce.newUser(
                server, Workforce.unique("fuzz.spare"), "a long passphrase for the spare account", "STAFF");
    }

    /** A second patient (born {@link Clinic#DATE_OF_BIRTH}) whose visit starts in five minutes: its link. */
    private String joinableVisitLink() {
        Workforce staff = clinic.staff();
        String patient = json(expect(
                        staff.post(
                                "/api/v1/patients",
                                body(
                                        "mrn",
                                        "FZ-" + System.nanoTime(),
                                        "fullName",
                                        "Joining Patient",
                                        "dateOfBirth",
                                        Clinic.DATE_OF_BIRTH)),
                        201))
                .path("id")
                .asString();
        String doctor = Workforce.newAccount(server, Workforce.unique("fuzz.doc"), "CLINICIAN")
                .id();
        Instant start = Instant.now().plusSeconds(300).truncatedTo(ChronoUnit.MINUTES);
        String visit = json(expect(staff.post("/api/v1/visits", Clinic.newVisit(patient, start, 60, doctor)), 201))
                .path("id")
                .asString();
        return json(expect(staff.post("/api/v1/visits/" + visit + "/join-links", "{}"), 201))
                .path("token")
                .asString();
    }

    public static synchronized FuzzServer get() {
        if (instance == null) {
            instance = new FuzzServer();
        }
        return instance;
    }
}
