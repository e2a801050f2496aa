package health.securevisit.room;

import static org.assertj.core.api.Assertions.assertThat;

import health.securevisit.support.RunningServer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
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
import org.openqa.selenium.remote.RemoteWebDriver;

/**
 * The visit room in two real browsers: a clinician's and a patient's headless Chromium, each in its
 * own network namespace, a SecureVisit server and coturn in the root namespace ({@link RoomNetwork}).
 */
class RoomBrowserTests {

    static final String TURN_SECRET = "svroom-test-turn-secret-" + Long.toString(System.nanoTime(), 36);

    static RoomNetwork network;
    static RunningServer server;
    static String base;

    @BeforeAll
    static void start() throws Exception {
        network = RoomNetwork.create();
        try {
            network.startTurn(TURN_SECRET);
            int port = RoomNetwork.freePort();
            base = "https://" + RoomNetwork.HOST + ":" + port;
            server = RunningServer.start(
                    Map.of(
                            "public-url", base,
                            "turn.urls", "turn:" + RoomNetwork.HOST + ":" + RoomNetwork.TURN_PORT + "?transport=udp",
                            "turn.secret", TURN_SECRET),
                    List.of("--server.port=" + port));
        } catch (Exception | Error e) {
            stop();
            throw e;
        }
    }

    @AfterAll
    static void stop() {
        if (network != null) {
            network.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void browsersInTheirNamespacesReachTheServerAndTheRelay() throws Exception {
        for (RoomNetwork.Side side : List.of(RoomNetwork.CLINICIAN, RoomNetwork.PATIENT)) {
            RemoteWebDriver browser = network.browser(side);
            browser.get(base + "/join");
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
        }
    }

    static String turnPassword(String username) throws GeneralSecurityException {
        Mac mac = Mac.getInstance("HmacSHA1");
        mac.init(new SecretKeySpec(TURN_SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
        return Base64.getEncoder().encodeToString(mac.doFinal(username.getBytes(StandardCharsets.UTF_8)));
    }

    static void pause(Duration d) throws InterruptedException {
        Thread.sleep(d);
    }
}
