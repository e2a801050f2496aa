package health.securevisit.room;

import static health.securevisit.support.Workforce.body;
import static health.securevisit.support.Workforce.expect;
import static health.securevisit.support.Workforce.json;

import health.securevisit.support.Clinic;
import health.securevisit.support.RunningServer;
import health.securevisit.support.Workforce;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.remote.RemoteWebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The steps of a visit in the room, shared by the two-browser test and the join-time benchmark: a
 * SecureVisit server and coturn on the {@link RoomNetwork} bridge, visits scheduled through the API,
 * and the pages driven the way people use them.
 */
final class RoomScenario implements AutoCloseable {

    static final String DATE_OF_BIRTH = "1980-02-03";
    static final String TURN_SECRET =
            "svroom-test-turn-secret-for-the-two-browser-test-" + Long.toString(System.nanoTime(), 36);

    /** A scheduled visit: its id, the patient's name and the join link's URL. */
    record Visit(String id, String fullName, String joinUrl) {}

    final RoomNetwork network;
    final RunningServer server;
    final String base;
    final Workforce staff;

    private RoomScenario(RoomNetwork network, RunningServer server, String base) {
        this.network = network;
        this.server = server;
        this.base = base;
        this.staff = Workforce.on(server).signIn(Workforce.newAccount(server, Workforce.unique("room.staff"), "STAFF"));
    }

    /** The network, coturn and a server whose public URL is its address on the bridge. */
    static RoomScenario start() throws Exception {
        RoomNetwork network = RoomNetwork.create();
        RunningServer server = null;
        try {
            network.startTurn(TURN_SECRET);
            int port = RoomNetwork.freePort();
            String base = "https://" + RoomNetwork.HOST + ":" + port;
            server = RunningServer.start(
                    Map.of(
                            "public-url",
                            base,
                            "turn.urls",
                            "turn:" + RoomNetwork.HOST + ":" + RoomNetwork.TURN_PORT + "?transport=udp",
                            "turn.secret",
                            TURN_SECRET,
                            "egress.vendor.turn",
                            "self-hosted",
                            // a clock the test moves, idle times shorter than the workforce session's
                            "test.room-clock",
                            "true",
                            "room.clinician-idle",
                            "10m",
                            "room.idle-warning",
                            "30s"),
                    List.of("--server.port=" + port));
            return new RoomScenario(network, server, base);
        } catch (Exception | Error e) {
            network.close();
            if (server != null) {
                server.close();
            }
            throw e;
        }
    }

    /** The server's clock, moved by the test (idle times, re-decisions). */
    RoomTestClock.OffsetClock clock() {
        return server.context().getBean(RoomTestClock.OffsetClock.class);
    }

    Workforce.Account clinician() {
        return Workforce.newAccount(server, Workforce.unique("room.doc"), "CLINICIAN");
    }

    /** A video visit of a new patient with {@code clinician}, starting in two minutes, and its join link. */
    Visit visit(Workforce.Account clinician) {
        String fullName = "Room Patient " + Long.toString(System.nanoTime(), 36);
        String patient = json(expect(
                        staff.post(
                                "/api/v1/patients",
                                body(
                                        "mrn",
                                        "RM-" + System.nanoTime(),
                                        "fullName",
                                        fullName,
                                        "dateOfBirth",
                                        DATE_OF_BIRTH)),
                        201))
                .path("id")
                .asString();
        String visitId = json(expect(
                        staff.post(
                                "/api/v1/visits",
                                Clinic.newVisit(
                                        patient,
                                        Instant.now().plusSeconds(120).truncatedTo(ChronoUnit.MINUTES),
                                        30,
                                        clinician.id())),
                        201))
                .path("id")
                .asString();
        String url = json(expect(staff.post("/api/v1/visits/" + visitId + "/join-links", "{}"), 201))
                .path("url")
                .asString();
        return new Visit(visitId, fullName, url);
    }

    /** The patient opens the link, confirms the date of birth and waits in the room. */
    static void patientJoins(WebDriver patient, Visit visit) {
        patient.get(visit.joinUrl());
        waiting(patient).until(ExpectedConditions.elementToBeClickable(By.id("join-button")));
        js(patient, "document.getElementById('join-dob').value = arguments[0];", DATE_OF_BIRTH);
        patient.findElement(By.id("join-button")).click();
        waitForState(patient, "waiting");
    }

    /** The clinician signs in and opens the visit's room page. */
    void clinicianOpensRoom(WebDriver browser, Workforce.Account clinician, Visit visit) {
        RoomPagesTests.signIn(browser, base, clinician);
        browser.get(base + "/visits/" + visit.id() + "/room");
    }

    /** The identity step with two data points (name and date of birth), then the admit button is enabled. */
    static void verifyIdentity(WebDriver clinician, Visit visit) {
        waiting(clinician).until(ExpectedConditions.visibilityOfElementLocated(By.id("identity-form")));
        clinician.findElement(By.id("v-full-name")).sendKeys(visit.fullName());
        js(clinician, "document.getElementById('v-date-of-birth').value = arguments[0];", DATE_OF_BIRTH);
        clinician.findElement(By.id("verify")).click();
        waiting(clinician).until(ExpectedConditions.elementToBeClickable(By.cssSelector("#waiting button.admit")));
    }

    /** Clicks "admit" and answers the browser's clock at the click (milliseconds since the epoch). */
    static long admit(WebDriver clinician) {
        return ((Number) js(
                        clinician,
                        "const b = document.querySelector('#waiting button.admit'); const t = Date.now(); b.click();"
                                + " return t;"))
                .longValue();
    }

    /** Waits for both pages to be connected and answers the later of their first remote frames. */
    static long firstFrames(WebDriver clinician, WebDriver patient) {
        long latest = 0;
        for (WebDriver browser : List.of(clinician, patient)) {
            waitForState(browser, "connected");
            Number at = waiting(browser).until(b ->
                    (Number) js(b, "const t = window.svRoom.current.room.firstFrameAt; return t > 0 ? t : null;"));
            latest = Math.max(latest, at.longValue());
        }
        return latest;
    }

    static void waitForState(WebDriver browser, String state) {
        waiting(browser).until(ExpectedConditions.attributeToBe(By.id("room-state"), "data-state", state));
    }

    static Object js(WebDriver browser, String script, Object... args) {
        return ((JavascriptExecutor) browser).executeScript(script, args);
    }

    static WebDriverWait waiting(WebDriver browser) {
        return new WebDriverWait(browser, Duration.ofSeconds(30));
    }

    RemoteWebDriver browser(RoomNetwork.Side side) throws Exception {
        return network.browser(side);
    }

    @Override
    public void close() {
        network.close();
        server.close();
    }
}
