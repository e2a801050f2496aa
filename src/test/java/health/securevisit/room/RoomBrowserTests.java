package health.securevisit.room;

import static health.securevisit.room.RoomScenario.js;
import static health.securevisit.room.RoomScenario.waitForState;
import static health.securevisit.room.RoomScenario.waiting;
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

    /** Media figures of one page: connection state, the selected pair's candidate types, video frames decoded. */
    static final String MEDIA = """
            const done = arguments[arguments.length - 1];
            const pc = window.svRoom.current && window.svRoom.current.room.pc;
            if (!pc) { done({state: "none", local: "", remote: "", frames: 0}); return; }
            pc.getStats().then((stats) => {
              let pair = null, frames = 0;
              stats.forEach((s) => {
                if (s.type === "transport" && s.selectedCandidatePairId) pair = stats.get(s.selectedCandidatePairId);
                if (s.type === "inbound-rtp" && s.kind === "video") frames += s.framesDecoded || 0;
              });
              done({state: pc.connectionState, frames,
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

    /** Within 10 s the decoded video frames stop growing on both pages, and stay still for 3 s more. */
    private static void assertVideoStops(WebDriver clinician, WebDriver patient) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        long[] last = {-1, -1};
        while (System.nanoTime() < deadline) {
            long[] now = {frames(clinician), frames(patient)};
            if (now[0] == last[0] && now[1] == last[1]) {
                break;
            }
            last = now;
            Thread.sleep(1000);
        }
        Thread.sleep(3000);
        assertThat(frames(clinician)).as("clinician receives no video").isEqualTo(last[0]);
        assertThat(frames(patient)).as("patient receives no video").isEqualTo(last[1]);
    }

    /** Video frames decoded grow on both pages (more than 5 in one second) within 15 s. */
    private static void assertFramesGrow(WebDriver clinician, WebDriver patient) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        boolean[] grew = {false, false};
        List<WebDriver> pages = List.of(clinician, patient);
        while (System.nanoTime() < deadline && !(grew[0] && grew[1])) {
            long[] before = {frames(clinician), frames(patient)};
            Thread.sleep(1000);
            for (int i = 0; i < 2; i++) {
                grew[i] |= frames(pages.get(i)) > before[i] + 5;
            }
        }
        assertThat(grew[0]).as("clinician decodes video").isTrue();
        assertThat(grew[1]).as("patient decodes video").isTrue();
    }

    static String turnPassword(String username) throws GeneralSecurityException {
        Mac mac = Mac.getInstance("HmacSHA1");
        mac.init(new SecretKeySpec(RoomScenario.TURN_SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
        return Base64.getEncoder().encodeToString(mac.doFinal(username.getBytes(StandardCharsets.UTF_8)));
    }
}
