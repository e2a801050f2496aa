package health.securevisit.room;

import static health.securevisit.support.Workforce.expect;
import static health.securevisit.support.Workforce.json;
import static org.assertj.core.api.Assertions.assertThat;

import health.securevisit.room.RoomFixture.Visit;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** The room on PostgreSQL: credentials, admission and the encrypted chat store. */
class RoomPostgresTests {

    @Test
    void chatIsStoredEncryptedInOrderAndReadByBothParticipants() {
        RoomFixture fx = RoomFixture.of(RoomFixture.postgres());
        assertThat(fx.server.databaseProduct()).isEqualTo("PostgreSQL");
        Visit visit = fx.waitingVisit();
        fx.verifyIdentity(visit);
        try (RoomSocket doctor = fx.socket(visit.clinician(), visit);
                RoomSocket patient = fx.socket(visit.patient(), visit)) {
            doctor.next("welcome");
            patient.next("welcome");
            doctor.send("{\"type\":\"admit\",\"participantId\":\"" + visit.participantId() + "\"}");
            patient.next("admitted");
            for (String text : List.of("first", "second ünïcødé", "third")) {
                patient.send("{\"type\":\"chat\",\"text\":\"" + text + "\"}");
                assertThat(doctor.next("chat").path("text").asString()).isEqualTo(text);
            }
            doctor.send("{\"type\":\"chat\",\"text\":\"over the limit " + "z".repeat(4000) + "\"}");
            doctor.error("chat-too-long");
            for (var who : List.of(visit.patient(), visit.clinician())) {
                JsonNode messages =
                        json(expect(who.get(visit.path() + "/chat"), 200)).path("messages");
                assertThat(messages.size()).isEqualTo(3);
                assertThat(messages.get(1).path("text").asString()).isEqualTo("second ünïcødé");
                assertThat(messages.get(2).path("from").asString()).isEqualTo(visit.participantId());
            }
        }
        List<byte[]> stored = fx.server
                .context()
                .getBean(JdbcClient.class)
                .sql("SELECT text_ciphertext FROM room_chat_message WHERE visit_id = ? ORDER BY seq")
                .param(UUID.fromString(visit.id()))
                .query(byte[].class)
                .list();
        assertThat(stored).hasSize(3);
        assertThat(stored)
                .allSatisfy(c -> assertThat(new String(c, StandardCharsets.ISO_8859_1))
                        .doesNotContain("first")
                        .doesNotContain("third"));
    }
}
