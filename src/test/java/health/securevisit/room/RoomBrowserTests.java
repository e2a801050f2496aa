package health.securevisit.room;

import static health.securevisit.room.RoomScenario.js;
import static health.securevisit.room.RoomScenario.waitForState;
import static health.securevisit.room.RoomScenario.waiting;
import static health.securevisit.support.Workforce.body;
import static health.securevisit.support.Workforce.expect;
import static org.assertj.core.api.Assertions.assertThat;

import health.securevisit.support.Workforce;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.remote.RemoteWebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The visit room in two real browsers: a clinician's and a patient's headless Chromium (fake camera
 * and microphone), each in its own network namespace, with the SecureVisit server and coturn in the
 * root namespace ({@link RoomNetwork}, {@link RoomScenario}). The namespaces cannot reach each other,
 * and the room asks for relay-only ICE, so media flows only through coturn.
 */
class RoomBrowserTests {

    /**
     * Media figures of one page: connection state, the selected pair's candidate types, video frames
     * decoded and the total energy of the audio received.
     */
    static final String MEDIA = """
            const done = arguments[arguments.length - 1];
            const pc = window.svRoom.current && window.svRoom.current.room.pc;
            if (!pc) { done({state: "none", local: "", remote: "", frames: 0, energy: 0}); return; }
            pc.getStats().then((stats) => {
              let pair = null, frames = 0, energy = 0;
              stats.forEach((s) => {
                if (s.type === "transport" && s.selectedCandidatePairId) pair = stats.get(s.selectedCandidatePairId);
                if (s.type === "inbound-rtp" && s.kind === "video") frames += s.framesDecoded || 0;
                if (s.type === "inbound-rtp" && s.kind === "audio") energy += s.totalAudioEnergy || 0;
              });
              done({state: pc.connectionState, frames, energy,
                local: pair ? stats.get(pair.localCandidateId).candidateType : "",
                remote: pair ? stats.get(pair.remoteCandidateId).candidateType : ""});
            });
            """;

    static RoomScenario room;

    @BeforeAll
    static void start() throws Exception {
        room = RoomScenario.start();
    }

    @AfterAll
    static void stop() {
        if (room != null) {
            room.close();
        }
    }

    @Test
    void browsersInTheirNamespacesReachTheServerAndOnlyTheRelay() throws Exception {
        for (RoomNetwork.Side side : List.of(RoomNetwork.CLINICIAN, RoomNetwork.PATIENT)) {
            RemoteWebDriver browser = room.browser(side);
            browser.get(room.base + "/join");
            assertThat(browser.getTitle()).as(side.namespace()).contains("Join your visit");
            String username = Instant.now().plusSeconds(300).getEpochSecond() + ":harness:" + side.namespace();
            Object candidate = browser.executeAsyncScript(
                    """
                    const done = arguments[arguments.length - 1];
                    const pc = new RTCPeerConnection({iceServers: [{urls: [arguments[0]], username: arguments[1],
                        credential: arguments[2]}], iceTransportPolicy: "relay"});
                    pc.createDataChannel("probe");
                    pc.onicecandidate = (e) => { if (e.candidate && e.candidate.type === "relay") done(e.candidate.address); };
                    pc.createOffer().then((o) => pc.setLocalDescription(o));
                    setTimeout(() => done("none"), 10000);
                    """,
                    "turn:" + RoomNetwork.HOST + ":" + RoomNetwork.TURN_PORT + "?transport=udp",
                    username,
                    turnPassword(username));
            assertThat(candidate).as(side.namespace()).isEqualTo(RoomNetwork.HOST);
            browser.quit();
        }
    }

    @Test
    void aVisitBetweenTwoBrowsersRunsThroughTheRelay() throws Exception {
        Workforce.Account doctor = room.clinician();
        RoomScenario.Visit visit = room.visit(doctor);
        RemoteWebDriver patient = room.browser(RoomNetwork.PATIENT);
        RemoteWebDriver clinician = room.browser(RoomNetwork.CLINICIAN);

        // Waiting room: the patient waits; the clinician sees them and must verify identity before admitting.
        RoomScenario.patientJoins(patient, visit);
        room.clinicianOpensRoom(clinician, doctor, visit);
        waiting(clinician).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#waiting button.admit")));
        assertThat(clinician
                        .findElement(By.cssSelector("#waiting button.admit"))
                        .isEnabled())
                .as("no admission before the identity step")
                .isFalse();
        RoomScenario.verifyIdentity(clinician, visit);
        RoomPagesTests.screenshot(clinician, "clinician-waiting-room");
        RoomScenario.admit(clinician);
        RoomScenario.firstFrames(clinician, patient);

        // Media: connected, through the relay on both sides, video decoded on both sides.
        for (WebDriver browser : List.of(clinician, patient)) {
            Map<String, Object> media = media(browser);
            assertThat(media.get("state")).isEqualTo("connected");
            assertThat(media.get("local")).isEqualTo("relay");
            assertThat(media.get("remote")).isEqualTo("relay");
        }
        assertFramesGrow(clinician, patient);

        // Safety code: the same six digits on both pages.
        String code = waiting(clinician).until(b -> {
            String text = b.findElement(By.id("safety-code")).getText();
            return text.matches("\\d{3} \\d{3}") ? text : null;
        });
        waiting(patient).until(ExpectedConditions.textToBe(By.id("safety-code"), code));

        // Chat both ways.
        say(clinician, "Hello, can you hear me?");
        waiting(patient)
                .until(ExpectedConditions.textToBePresentInElementLocated(By.id("chat-log"), "can you hear me"));
        say(patient, "Yes, loud and clear.");
        waiting(clinician)
                .until(ExpectedConditions.textToBePresentInElementLocated(By.id("chat-log"), "loud and clear"));
        RoomPagesTests.screenshot(clinician, "clinician-in-call");
        RoomPagesTests.screenshot(patient, "patient-in-call");

        // Mute: the patient's microphone sends silence; the clinician's page shows "muted" and hears nothing.
        assertThat(audioEnergyGain(clinician))
                .as("the clinician hears the patient")
                .isGreaterThan(0.0);
        patient.findElement(By.id("mute")).click();
        assertThat(patient.findElement(By.id("mute")).getAttribute("aria-pressed"))
                .isEqualTo("true");
        waiting(clinician).until(ExpectedConditions.textToBePresentInElementLocated(By.id("remote-media"), "muted"));
        Thread.sleep(1000); // the audio already in flight
        assertThat(audioEnergyGain(clinician)).as("silence while muted").isLessThan(1e-6);
        patient.findElement(By.id("mute")).click();
        waiting(clinician)
                .until(ExpectedConditions.not(
                        ExpectedConditions.textToBePresentInElementLocated(By.id("remote-media"), "muted")));
        assertThat(audioEnergyGain(clinician)).as("audio again").isGreaterThan(0.0);

        // Camera off: the patient sends no video (the clinician's decoded frames stand still) while the
        // patient still receives the clinician's; camera on: frames again.
        patient.findElement(By.id("camera")).click();
        waiting(clinician)
                .until(ExpectedConditions.textToBePresentInElementLocated(By.id("remote-media"), "camera off"));
        assertVideoStops(clinician);
        assertFramesGrow(patient);
        patient.findElement(By.id("camera")).click();
        assertFramesGrow(clinician, patient);

        // Audio only: no video frames either way; back to video: frames again.
        patient.findElement(By.id("audio-only")).click();
        assertVideoStops(clinician, patient);
        patient.findElement(By.id("audio-only")).click();
        assertFramesGrow(clinician, patient);

        // The patient's link is cut for 3 s: "reconnecting", an ICE restart, the same call again.
        room.network.cut(RoomNetwork.PATIENT, Duration.ofSeconds(3));
        for (WebDriver browser : List.of(clinician, patient)) {
            waitForState(browser, "connected");
            @SuppressWarnings("unchecked")
            List<String> states = (List<String>) js(browser, "return window.svRoom.current.room.states;");
            assertThat(states).as("states").contains("reconnecting");
            assertThat(states.subList(states.indexOf("connected"), states.size()))
                    .as("no second admission")
                    .doesNotContain("waiting", "stopped");
        }
        assertFramesGrow(clinician, patient);

        // A reload rejoins within the visit window, without a new admission.
        patient.navigate().refresh();
        RoomScenario.firstFrames(clinician, patient);
        assertFramesGrow(clinician, patient);

        // Idle: the clinician is warned (a banner with the seconds left and a focused "I am still here"),
        // answers it and stays; idle again past the limit, the page stops with 4408 and its tracks end.
        // The server's clock is moved rather than waited for (RoomScenario: clinician idle 10 min, warning 30 s).
        js(clinician, "window.svRoom.current.send({type: 'activity'});");
        Thread.sleep(1000); // the frame reaches the server before its clock moves
        room.clock().advance(Duration.ofMinutes(9).plusSeconds(40));
        waiting(clinician).until(ExpectedConditions.visibilityOfElementLocated(By.id("idle-warning")));
        assertThat(Integer.parseInt(clinician.findElement(By.id("idle-seconds")).getText()))
                .isBetween(1, 30);
        assertThat(js(clinician, "return document.activeElement.id;")).isEqualTo("still-here");
        RoomPagesTests.screenshot(clinician, "clinician-idle-warning");
        clinician.findElement(By.id("still-here")).click();
        assertThat(clinician.findElement(By.id("idle-warning")).isDisplayed()).isFalse();
        Thread.sleep(1000);
        room.clock().advance(Duration.ofMinutes(9));
        Thread.sleep(2000); // several checks of the server: still in, not warned again
        assertThat(clinician.findElement(By.id("idle-warning")).isDisplayed()).isFalse();
        assertThat(clinician.findElement(By.id("room-state")).getAttribute("data-state"))
                .isEqualTo("connected");
        rememberTracks(clinician);
        room.clock().advance(Duration.ofMinutes(1).plusSeconds(5));
        assertStopped(clinician, "inactive");
        room.clock().reset();
        waitForState(patient, "alone");
        clinician.navigate().refresh(); // the clinician comes back to the same call
        RoomScenario.firstFrames(clinician, patient);

        // Logout in another tab ends the workforce session: 4401, the page stops and says so.
        rememberTracks(clinician);
        ((JavascriptExecutor) clinician)
                .executeAsyncScript(
                        "const done = arguments[arguments.length - 1];"
                                + " window.svApi.call('POST', '/api/v1/auth/logout', {}).then(() => done(true), (e) => done(String(e)));");
        assertStopped(clinician, "expired");
        room.clinicianOpensRoom(clinician, doctor, visit); // signs in again
        RoomScenario.firstFrames(clinician, patient);

        // The access decision is withdrawn (no longer a clinician): at the next re-decision 4403.
        rememberTracks(clinician);
        Workforce admin = Workforce.adminClient(room.server);
        expect(admin.put("/api/v1/users/" + doctor.id() + "/roles", body("roles", List.of("AUDITOR"))), 200);
        room.clock().advance(Duration.ofSeconds(61));
        assertStopped(clinician, "withdrawn");
        room.clock().reset();
        expect(admin.put("/api/v1/users/" + doctor.id() + "/roles", body("roles", List.of("CLINICIAN"))), 200);
        clinician.navigate().refresh();
        RoomScenario.firstFrames(clinician, patient);

        // End visit: both pages stop every track and say why.
        clinician.findElement(By.id("end-visit")).click();
        clinician.switchTo().alert().accept();
        for (WebDriver browser : List.of(clinician, patient)) {
            waitForState(browser, "stopped");
            assertThat(browser.findElement(By.id("room-state")).getText()).contains("ended");
            assertThat(js(
                            browser,
                            "return window.svRoom.current.room.local === null"
                                    + " && document.getElementById('local-video').srcObject === null;"))
                    .isEqualTo(true);
        }
        clinician.quit();
        patient.quit();
    }

    @Test
    void usedOrExpiredLinksAndAClinicianOffTheCareTeamStayOut() throws Exception {
        Workforce.Account doctor = room.clinician();
        RoomScenario.Visit visit = room.visit(doctor);
        RemoteWebDriver patient = room.browser(RoomNetwork.PATIENT);
        RoomScenario.patientJoins(patient, visit);
        patient.quit();

        // A third browser with the used link.
        RemoteWebDriver third = room.browser(RoomNetwork.PATIENT);
        refusedJoin(third, visit.joinUrl());
        // ... and with an expired one.
        RoomScenario.Visit other = room.visit(room.clinician());
        room.server
                .context()
                .getBean(JdbcClient.class)
                .sql("UPDATE visit_join_link SET valid_until = ? WHERE visit_id = ?")
                .params(Timestamp.from(Instant.now().minusSeconds(1)), java.util.UUID.fromString(other.id()))
                .update();
        refusedJoin(third, other.joinUrl());
        // Without a link, the room refuses the page's socket.
        third.get(room.base + "/join");
        js(third, "sessionStorage.setItem('securevisit.room', arguments[0]); location.reload();", visit.id());
        waitForState(third, "stopped");
        third.quit();

        // A clinician off the care team opens the room page: no waiting list, no call.
        RemoteWebDriver outsider = room.browser(RoomNetwork.CLINICIAN);
        room.clinicianOpensRoom(outsider, room.clinician(), visit);
        waitForState(outsider, "stopped");
        assertThat(outsider.findElement(By.id("room-state")).getText()).contains("cannot enter");
        assertThat(outsider.findElements(By.cssSelector("#waiting li"))).isEmpty();
        outsider.quit();
    }

    /** Keeps the page's local tracks (in the page) so that {@link #assertStopped} can see that each ended. */
    private static void rememberTracks(WebDriver browser) {
        assertThat(js(
                        browser,
                        "window.svTestTracks = window.svRoom.current.room.local.getTracks();"
                                + " return window.svTestTracks.filter((t) => t.readyState === 'live').length;"))
                .as("live local tracks")
                .isEqualTo(2L);
    }

    /** The page stopped for good: it says why, every remembered local track ended, no peer connection. */
    private static void assertStopped(WebDriver browser, String reason) {
        waitForState(browser, "stopped");
        assertThat(browser.findElement(By.id("room-state")).getText()).contains(reason);
        assertThat(js(
                        browser,
                        "return window.svTestTracks.every((t) => t.readyState === 'ended')"
                                + " && window.svRoom.current.room.local === null"
                                + " && window.svRoom.current.room.pc === null"
                                + " && document.getElementById('local-video').srcObject === null;"))
                .as("every local track stopped")
                .isEqualTo(true);
        assertThat(browser.findElement(By.id("mute")).isEnabled()).isFalse();
    }

    /** The audio energy the page received over two seconds. */
    private static double audioEnergyGain(WebDriver browser) throws InterruptedException {
        double before = ((Number) media(browser).get("energy")).doubleValue();
        Thread.sleep(2000);
        return ((Number) media(browser).get("energy")).doubleValue() - before;
    }

    private static void refusedJoin(WebDriver browser, String url) {
        browser.get("about:blank");
        browser.get(url);
        waiting(browser).until(ExpectedConditions.elementToBeClickable(By.id("join-button")));
        js(browser, "document.getElementById('join-dob').value = arguments[0];", RoomScenario.DATE_OF_BIRTH);
        browser.findElement(By.id("join-button")).click();
        waiting(browser).until(ExpectedConditions.visibilityOfElementLocated(By.id("error")));
        assertThat(browser.findElement(By.id("error")).getText()).contains("cannot be used");
        assertThat(browser.findElement(By.id("call")).isDisplayed()).isFalse();
    }

    private static void say(WebDriver browser, String text) {
        browser.findElement(By.id("chat-text")).sendKeys(text);
        browser.findElement(By.id("chat-send")).click();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> media(WebDriver browser) {
        return (Map<String, Object>) ((JavascriptExecutor) browser).executeAsyncScript(MEDIA);
    }

    private static long frames(WebDriver browser) {
        return ((Number) media(browser).get("frames")).longValue();
    }

    /** Within 10 s the decoded video frames stop growing on the given pages, and stay still for 3 s more. */
    private static void assertVideoStops(WebDriver... pages) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        long[] last = new long[pages.length];
        java.util.Arrays.fill(last, -1);
        while (System.nanoTime() < deadline) {
            long[] now = frames(pages);
            if (java.util.Arrays.equals(now, last)) {
                break;
            }
            last = now;
            Thread.sleep(1000);
        }
        Thread.sleep(3000);
        assertThat(frames(pages)).as("no video received").containsExactly(last);
    }

    /** Video frames decoded grow on the given pages (more than 5 in one second) within 15 s. */
    private static void assertFramesGrow(WebDriver... pages) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        boolean[] grew = new boolean[pages.length];
        while (System.nanoTime() < deadline && !allTrue(grew)) {
            long[] before = frames(pages);
            Thread.sleep(1000);
            long[] after = frames(pages);
            for (int i = 0; i < pages.length; i++) {
                grew[i] |= after[i] > before[i] + 5;
            }
        }
        assertThat(grew).as("video decoded on every page").doesNotContain(false);
    }

    private static long[] frames(WebDriver... pages) {
        long[] frames = new long[pages.length];
        for (int i = 0; i < pages.length; i++) {
            frames[i] = frames(pages[i]);
        }
        return frames;
    }

    private static boolean allTrue(boolean[] values) {
        for (boolean v : values) {
            if (!v) {
                return false;
            }
        }
        return true;
    }

    static String turnPassword(String username) throws GeneralSecurityException {
        Mac mac = Mac.getInstance("HmacSHA1");
        mac.init(new SecretKeySpec(RoomScenario.TURN_SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
        return Base64.getEncoder().encodeToString(mac.doFinal(username.getBytes(StandardCharsets.UTF_8)));
    }
}
