package health.securevisit.room;

import static health.securevisit.support.Workforce.body;
import static health.securevisit.support.Workforce.expect;
import static health.securevisit.support.Workforce.json;

import health.securevisit.support.Clinic;
import health.securevisit.support.PostgresDatabase;
import health.securevisit.support.RunningServer;
import health.securevisit.support.Workforce;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.HttpCookie;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import tools.jackson.databind.JsonNode;

/**
 * Test support of the room tests: servers with the room's test settings (a movable clock, fast checks, a
 * TURN URL and secret shared with the coturn the TURN test starts), and visits whose patient joined
 * through a link (so they hold the room credential) with a fresh signed-in clinician each.
 */
final class RoomFixture {

    static final String TURN_SECRET = "room-test-turn-secret-0123456789abcdefghij";
    static final int TURN_PORT = freeUdpPort();
    private static final AtomicInteger SOURCES = new AtomicInteger(20);
    private static final Map<RunningServer, RoomFixture> FIXTURES = new ConcurrentHashMap<>();
    private static RunningServer h2;
    private static RunningServer postgres;

    final RunningServer server;
    final Workforce staff;

    /** A visit of the fixture: its clinician and the patient's browser (holding the room credential). */
    record Visit(String id, Workforce.Account doctor, Workforce clinician, Workforce patient, String participantId) {
        String path() {
            return "/api/v1/visits/" + id + "/room";
        }
    }

    private RoomFixture(RunningServer server) {
        this.server = server;
        this.staff = Workforce.on(server).signIn(Workforce.newAccount(server, Workforce.unique("room.staff"), "STAFF"));
    }

    static RoomFixture of(RunningServer server) {
        return FIXTURES.computeIfAbsent(server, RoomFixture::new);
    }

    static Map<String, String> settings() {
        Map<String, String> s = new HashMap<>();
        s.put("test.room-clock", "true");
        s.put("turn.urls", "turn:127.0.0.1:" + TURN_PORT + "?transport=udp");
        s.put("turn.secret", TURN_SECRET);
        s.put("egress.vendor.turn", "self-hosted"); // the test's own coturn
        s.put("room.check-interval", "200ms");
        s.put("room.recheck-interval", "5s");
        s.put("room.clinician-idle", "2m");
        s.put("room.idle-warning", "30s");
        s.put("room.messages-per-window", "40");
        s.put("room.message-window", "10s");
        return s;
    }

    static synchronized RunningServer h2() {
        if (h2 == null) {
            RunningServer server = RunningServer.start(settings());
            Runtime.getRuntime().addShutdownHook(new Thread(server::close));
            h2 = server;
        }
        return h2;
    }

    static synchronized RunningServer postgres() {
        if (postgres == null) {
            PostgresDatabase db = PostgresDatabase.create();
            Map<String, String> s = settings();
            s.put("db.url", db.url());
            s.put("db.user", db.user());
            RunningServer server = RunningServer.start(s);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                server.close();
                db.drop();
            }));
            postgres = server;
        }
        return postgres;
    }

    RoomTestClock.OffsetClock clock() {
        return server.context().getBean(RoomTestClock.OffsetClock.class);
    }

    /** A patient, a fresh clinician, a visit starting in five minutes, a link, and the patient's join. */
    Visit waitingVisit() {
        Workforce.Account doctor = Workforce.newAccount(server, Workforce.unique("room.doc"), "CLINICIAN");
        Workforce clinician = Workforce.on(server).signIn(doctor);
        String patientId = json(expect(
                        staff.post(
                                "/api/v1/patients",
                                body(
                                        "mrn",
                                        "RM-" + System.nanoTime(),
                                        "fullName",
                                        "Room Patient",
                                        "dateOfBirth",
                                        Clinic.DATE_OF_BIRTH)),
                        201))
                .path("id")
                .asString();
        Instant start = Instant.now().plusSeconds(300).truncatedTo(ChronoUnit.MINUTES);
        String visitId = json(expect(
                        staff.post("/api/v1/visits", Clinic.newVisit(patientId, start, 30, doctor.id())), 201))
                .path("id")
                .asString();
        Workforce patient = patientBrowser();
        JsonNode joined = json(expect(join(patient, link(visitId)), 200));
        return new Visit(
                visitId,
                doctor,
                clinician,
                patient,
                joined.path("participantId").asString());
    }

    String link(String visitId) {
        String url = json(expect(staff.post("/api/v1/visits/" + visitId + "/join-links", "{}"), 201))
                .path("url")
                .asString();
        return url.substring(url.indexOf('#') + 1);
    }

    Workforce patientBrowser() {
        int n = SOURCES.incrementAndGet(); // a loopback address of its own per patient (join throttles)
        return Workforce.from(server, "127.0." + (1 + n / 250) + "." + (1 + n % 250));
    }

    static HttpResponse<String> join(Workforce patient, String token) {
        return patient.post("/api/v1/join", body("token", token, "dateOfBirth", Clinic.DATE_OF_BIRTH));
    }

    /** The identity step, by the visit's clinician. */
    void verifyIdentity(Visit visit) {
        expect(
                visit.clinician()
                        .post(
                                "/api/v1/visits/" + visit.id() + "/identity-verification",
                                body(
                                        "dataPoints",
                                        Map.of("fullName", "Room Patient", "dateOfBirth", Clinic.DATE_OF_BIRTH))),
                200);
    }

    URI ws(String path) {
        return URI.create("wss://localhost:" + server.port() + path);
    }

    String origin() {
        return "https://localhost:" + server.port();
    }

    RoomSocket socket(Workforce who, Visit visit) {
        try {
            return RoomSocket.open(who, ws(visit.path()), origin());
        } catch (java.net.http.WebSocketHandshakeException e) {
            throw new AssertionError("handshake refused: " + e.getResponse().statusCode(), e);
        }
    }

    static HttpCookie roomCookie(Workforce patient) {
        return patient.cookie("__Host-SVROOM").orElseThrow();
    }

    private static int freeUdpPort() {
        try (DatagramSocket s = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
