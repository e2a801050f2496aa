package health.securevisit.device;

import static health.securevisit.support.Workforce.expect;
import static org.assertj.core.api.Assertions.assertThat;

import health.securevisit.audit.Outcome;
import health.securevisit.room.RoomSocket;
import health.securevisit.support.Workforce;
import java.net.URI;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The visit room under the product default for unknown devices (DENY, {@link DeviceApiTests}'s server):
 * the room's WebSocket handshake and its HTTP API take the same device-aware decision as the chart, so a
 * clinician on the care team enters only from a bound, proved device with a compliant posture report.
 */
class RoomOnBoundDevicesTests {

    static final String TURN_SECRET = "room-device-test-turn-secret-0123456789abcdef";

    @BeforeAll
    static void start() throws Exception {
        DeviceApiTests.start(Map.of(
                "turn.urls", "turn:127.0.0.1:3478?transport=udp",
                "turn.secret", TURN_SECRET,
                "egress.vendor.turn", "self-hosted",
                "room.check-interval", "200ms",
                "room.recheck-interval", "5s"));
    }

    @AfterAll
    static void stop() {
        DeviceApiTests.stop();
    }

    @Test
    void onlyAClinicianOnABoundCompliantDeviceEntersTheRoom() throws Exception {
        DeviceApiTests.Member clinician = DeviceApiTests.member("CLINICIAN", "ORGANISATION");
        DeviceApiTests.Visit visit =
                DeviceApiTests.visitWith(clinician.account().id());
        String room = "/api/v1/visits/" + visit.id() + "/room";
        URI socket = URI.create("wss://localhost:" + DeviceApiTests.server.port() + room);
        String origin = "https://localhost:" + DeviceApiTests.server.port();

        // The same clinician, signed in from a browser that holds no device binding: refused, audited.
        Workforce unbound = Workforce.on(DeviceApiTests.server).signIn(clinician.account());
        assertThat(RoomSocket.refusal(unbound.http(), socket, origin)).isEqualTo(403);
        assertThat(refusals("device-posture-unknown")).isPositive();
        assertThat(unbound.get(room + "/ice-servers").statusCode()).isEqualTo(403);

        // From the bound, proved, compliant device: the handshake is accepted and TURN credentials minted.
        try (RoomSocket in = RoomSocket.open(clinician.client().http(), socket, origin)) {
            assertThat(in.next("welcome").path("you").path("role").asString()).isEqualTo("clinician");
            expect(clinician.client().get(room + "/ice-servers"), 200);

            // The same device reported non-compliant (screen lock of 30 minutes) during the call: the
            // re-decision closes the socket (4403), and the room stays shut to it.
            expect(DeviceApiTests.report(clinician.serial(), 30, Instant.now().minusSeconds(10)), 202);
            assertThat(in.closeCode()).isEqualTo(4403);
        }
        assertThat(RoomSocket.refusal(clinician.client().http(), socket, origin))
                .isEqualTo(403);
        assertThat(refusals("device-noncompliant")).isPositive();
        DeviceApiTests.assertDeviceRefused(clinician.client().get(room + "/ice-servers"), "screen-lock");
    }

    private static long refusals(String rule) {
        return new DeviceApiTests()
                .audit()
                .matching(e ->
                        e.action().equals("room.enter") && e.outcome() == Outcome.DENIED && rule.equals(e.reason()))
                .size();
    }
}
