package health.securevisit.room;

import static org.assertj.core.api.Assertions.assertThat;

import health.securevisit.room.RoomFixture.Visit;
import health.securevisit.support.ClusterNodes;
import health.securevisit.support.RedisServer;
import health.securevisit.support.RunningServer;
import java.net.URI;
import java.net.http.WebSocketHandshakeException;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Two participants of one visit on different nodes (SECUREVISIT_CLUSTER_RELAY=redis, a private
 * redis-server, one PostgreSQL database): the clinician on node A sees the patient waiting on node B,
 * admission crosses nodes, and signaling reaches the other side in both directions; signaling with a
 * participant who is not admitted is still refused.
 */
class RoomClusterTests {

    @Test
    void participantsOnDifferentNodesWaitAdmitAndSignal() throws WebSocketHandshakeException {
        Map<String, String> settings = RoomFixture.settings();
        try (RedisServer redis = RedisServer.start()) {
            settings.put("cluster.sessions", "redis");
            settings.put("cluster.relay", "redis");
            settings.put("cluster.redis-url", redis.url());
            settings.put("cluster.key-prefix", "sv-room-" + Long.toString(System.nanoTime(), 36));
            try (ClusterNodes nodes = ClusterNodes.start(settings)) {
                RunningServer b = nodes.b();
                RoomFixture fx = RoomFixture.of(nodes.a());
                Visit visit = fx.waitingVisit();
                try (RoomSocket doctor = fx.socket(visit.clinician(), visit);
                        RoomSocket patient = RoomSocket.open(
                                visit.patient(),
                                URI.create("wss://localhost:" + b.port() + visit.path()),
                                "https://localhost:" + b.port())) {
                    String doctorId = doctor.next("welcome")
                            .path("you")
                            .path("participantId")
                            .asString();
                    assertThat(patient.next("welcome").path("admitted").asBoolean())
                            .isFalse();
                    JsonNode waiting = doctor.next(
                            f -> f.path("type").asString().equals("waiting")
                                    && f.path("participants").size() == 1,
                            "the patient waiting on the other node");
                    assertThat(waiting.path("participants")
                                    .get(0)
                                    .path("participantId")
                                    .asString())
                            .isEqualTo(visit.participantId());

                    // Not admitted: signaling either way is refused, across nodes too.
                    patient.send("{\"type\":\"offer\",\"to\":\"" + doctorId + "\",\"sdp\":\"v=0\"}");
                    patient.error("not-admitted");
                    doctor.send("{\"type\":\"offer\",\"to\":\"" + visit.participantId() + "\",\"sdp\":\"v=0\"}");
                    doctor.error("not-admitted");

                    fx.verifyIdentity(visit);
                    assertThat(patient.next("visit-status").path("status").asString())
                            .isEqualTo("IDENTITY_VERIFIED");

                    doctor.send("{\"type\":\"admit\",\"participantId\":\"" + visit.participantId() + "\"}");
                    JsonNode admitted = patient.next("admitted");
                    assertThat(admitted.path("peers")
                                    .get(0)
                                    .path("participantId")
                                    .asString())
                            .isEqualTo(doctorId);
                    assertThat(doctor.next("peer-joined").path("participantId").asString())
                            .isEqualTo(visit.participantId());

                    doctor.send("{\"type\":\"offer\",\"to\":\"" + visit.participantId() + "\",\"sdp\":\"v=0 offer\"}");
                    JsonNode offer = patient.next("offer");
                    assertThat(offer.path("from").asString()).isEqualTo(doctorId);
                    assertThat(offer.path("sdp").asString()).isEqualTo("v=0 offer");
                    patient.send("{\"type\":\"answer\",\"to\":\"" + doctorId + "\",\"sdp\":\"v=0 answer\"}");
                    assertThat(doctor.next("answer").path("sdp").asString()).isEqualTo("v=0 answer");
                    patient.send("{\"type\":\"media\",\"audio\":true,\"video\":false,\"audioOnly\":true}");
                    assertThat(doctor.next("media").path("audioOnly").asBoolean())
                            .isTrue();
                }
            }
        }
    }
}
