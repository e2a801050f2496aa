package health.securevisit.room;

import static health.securevisit.support.Workforce.expect;
import static health.securevisit.support.Workforce.json;
import static org.assertj.core.api.Assertions.assertThat;

import health.securevisit.room.RoomFixture.Visit;
import health.securevisit.support.RunningServer;
import java.net.HttpCookie;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The visit room on a real TLS server with real WebSocket clients: entry, waiting room, admission, signaling, end. */
class RoomServerTests {

    RunningServer server() {
        return RoomFixture.h2();
    }

    RoomFixture fx() {
        return RoomFixture.of(server());
    }

    @AfterEach
    void resetClock() {
        fx().clock().reset();
    }

    @Test
    void joinSetsAVisitBoundHostOnlyRoomCookie() {
        Visit visit = fx().waitingVisit();
        HttpCookie cookie = RoomFixture.roomCookie(visit.patient());
        assertThat(cookie.getSecure()).isTrue();
        assertThat(cookie.isHttpOnly()).isTrue();
        assertThat(cookie.getPath()).isEqualTo("/");
        assertThat(cookie.getValue()).matches("[A-Za-z0-9_-]{43}");
        assertThat(visit.participantId()).isNotBlank();
        // Only the SHA-256 of the token is stored.
        var rows = server().context()
                .getBean(org.springframework.jdbc.core.simple.JdbcClient.class)
                .sql("SELECT token_hash FROM room_credential WHERE participant_id = ?")
                .param(java.util.UUID.fromString(visit.participantId()))
                .query(String.class)
                .list();
        assertThat(rows).hasSize(1).doesNotContain(cookie.getValue()).allMatch(h -> h.matches("[0-9a-f]{64}"));
    }

    @Test
    void waitingRoomAdmissionSignalingChatAndEnd() {
        Visit visit = fx().waitingVisit();
        try (RoomSocket doctor = fx().socket(visit.clinician(), visit);
                RoomSocket patient = fx().socket(visit.patient(), visit)) {
            JsonNode welcome = doctor.next("welcome");
            assertThat(welcome.path("you").path("role").asString()).isEqualTo("clinician");
            assertThat(welcome.path("admitted").asBoolean()).isTrue();
            JsonNode pw = patient.next("welcome");
            assertThat(pw.path("you").path("participantId").asString()).isEqualTo(visit.participantId());
            assertThat(pw.path("admitted").asBoolean()).isFalse();
            assertThat(pw.path("visitStatus").asString()).isEqualTo("WAITING");
            String doctorId = welcome.path("you").path("participantId").asString();

            JsonNode waiting = doctor.next(
                    f -> f.path("type").asString().equals("waiting")
                            && f.path("participants").size() == 1,
                    "the waiting patient");
            assertThat(waiting.path("participants").get(0).path("participantId").asString())
                    .isEqualTo(visit.participantId());

            // Signaling to or from a participant not admitted is refused; the socket stays open.
            patient.send("{\"type\":\"offer\",\"to\":\"" + doctorId + "\",\"sdp\":\"v=0\"}");
            patient.error("not-admitted");
            doctor.send("{\"type\":\"offer\",\"to\":\"" + visit.participantId() + "\",\"sdp\":\"v=0\"}");
            doctor.error("not-admitted");

            // The call cannot start before the identity step.
            doctor.send("{\"type\":\"admit\",\"participantId\":\"" + visit.participantId() + "\"}");
            doctor.error("identity-not-verified");

            fx().verifyIdentity(visit);
            assertThat(doctor.next("visit-status").path("status").asString()).isEqualTo("IDENTITY_VERIFIED");
            assertThat(patient.next("visit-status").path("status").asString()).isEqualTo("IDENTITY_VERIFIED");

            doctor.send("{\"type\":\"admit\",\"participantId\":\"" + visit.participantId() + "\"}");
            JsonNode admitted = patient.next("admitted");
            assertThat(admitted.path("peers").get(0).path("participantId").asString())
                    .isEqualTo(doctorId);
            assertThat(doctor.next("peer-joined").path("participantId").asString())
                    .isEqualTo(visit.participantId());
            assertThat(patient.next("visit-status").path("status").asString()).isEqualTo("IN_PROGRESS");
            assertThat(json(expect(fx().staff.get("/api/v1/visits/" + visit.id()), 200))
                            .path("status")
                            .asString())
                    .isEqualTo("IN_PROGRESS");

            doctor.send("{\"type\":\"offer\",\"to\":\"" + visit.participantId() + "\",\"sdp\":\"v=0 offer\"}");
            JsonNode offer = patient.next("offer");
            assertThat(offer.path("from").asString()).isEqualTo(doctorId);
            assertThat(offer.path("sdp").asString()).isEqualTo("v=0 offer");
            patient.send("{\"type\":\"answer\",\"to\":\"" + doctorId + "\",\"sdp\":\"v=0 answer\"}");
            assertThat(doctor.next("answer").path("sdp").asString()).isEqualTo("v=0 answer");
            patient.send("{\"type\":\"candidate\",\"to\":\"" + doctorId + "\",\"candidate\":{\"candidate\":"
                    + "\"candidate:1 1 udp 1 192.0.2.1 3478 typ relay\",\"sdpMid\":\"0\",\"sdpMLineIndex\":0}}");
            assertThat(doctor.next("candidate").path("candidate").path("sdpMid").asString())
                    .isEqualTo("0");
            patient.send("{\"type\":\"candidate\",\"to\":\"" + doctorId + "\",\"candidate\":null}");
            assertThat(doctor.next("candidate").path("candidate").isNull()).isTrue();
            patient.send("{\"type\":\"media\",\"audio\":true,\"video\":false,\"audioOnly\":true}");
            assertThat(doctor.next("media").path("audioOnly").asBoolean()).isTrue();

            patient.send("{\"type\":\"chat\",\"text\":\"Hello doctor\"}");
            assertThat(doctor.next("chat").path("text").asString()).isEqualTo("Hello doctor");
            assertThat(patient.next("chat").path("role").asString()).isEqualTo("patient");

            HttpResponse<String> chat = visit.patient().get(visit.path() + "/chat");
            assertThat(chat.statusCode()).isEqualTo(200);
            assertThat(json(chat).path("messages").get(0).path("text").asString())
                    .isEqualTo("Hello doctor");
            assertThat(chat.headers().firstValue("Cache-Control").orElse("")).contains("no-store");

            doctor.send("{\"type\":\"end-visit\"}");
            assertThat(patient.closeCode()).isEqualTo(4410);
            assertThat(doctor.closeCode()).isEqualTo(4410);
        }
        // The credential ended with the visit.
        assertThat(RoomSocket.refusal(visit.patient().http(), fx().ws(visit.path()), fx().origin()))
                .isEqualTo(403);
    }
}
