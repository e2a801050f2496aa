package health.securevisit.records;

import static health.securevisit.support.Workforce.body;
import static health.securevisit.support.Workforce.expect;
import static health.securevisit.support.Workforce.json;
import static org.assertj.core.api.Assertions.assertThat;

import health.securevisit.audit.AuditEvent;
import health.securevisit.room.internal.ChatStore;
import health.securevisit.room.internal.Participant;
import health.securevisit.support.CapturedAuditEvents;
import health.securevisit.support.RunningServer;
import health.securevisit.support.TestServers;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The room's chat is kept as an encrypted record of the visit when the visit ends. */
class ChatArchiveTests {

    final RunningServer server = TestServers.h2();

    @Test
    void theChatOfAnEndedVisitIsStoredEncryptedAndExported() {
        RecordingFixture fx = RecordingFixture.on(server);
        UUID visit = UUID.fromString(fx.visit());
        String marker = "chat-marker-" + UUID.randomUUID();
        server.context()
                .getBean(ChatStore.class)
                .save(
                        new Participant(
                                visit, UUID.randomUUID(), Participant.Role.PATIENT, null, null, UUID.randomUUID()),
                        UUID.fromString(fx.clinic().patientId()),
                        "The rash itches at night " + marker,
                        Instant.now());
        assertThat(chats(fx)).isEmpty();

        end(fx);
        List<JsonNode> chats = chats(fx);
        assertThat(chats).hasSize(1);
        JsonNode chat = chats.getFirst();
        assertThat(chat.path("contentType").asString()).isEqualTo("application/json");
        assertThat(chat.path("state").asString()).isEqualTo("COMPLETE");
        String id = chat.path("id").asString();
        var content = fx.content(fx.doctor(), id, null);
        assertThat(content.statusCode()).isEqualTo(200);
        JsonNode archive =
                health.securevisit.support.Workforce.JSON.readTree(new String(content.body(), StandardCharsets.UTF_8));
        assertThat(archive.path("messages").get(0).path("text").asString()).endsWith(marker);
        assertThat(archive.path("messages").get(0).path("role").asString()).isEqualTo("patient");

        assertThat(RecordingContract.grep(server.dataDir(), marker.getBytes(StandardCharsets.UTF_8)))
                .as("files under the data directory holding the chat's plaintext")
                .isEmpty();
        String export = expect(fx.doctor().get("/api/v1/visits/" + fx.visit() + "/export"), 200)
                .body();
        assertThat(export).contains("DocumentReference").contains(id).doesNotContain(marker);
        assertThat(server.context().getBean(CapturedAuditEvents.class).matching(e -> id.equals(e.resourceId())))
                .extracting(AuditEvent::action, AuditEvent::actorId)
                .contains(org.assertj.core.groups.Tuple.tuple("records.artifact.completed", "system:room-chat"));
    }

    @Test
    void aVisitWithoutMessagesKeepsNoChat() {
        RecordingFixture fx = RecordingFixture.on(server);
        end(fx);
        assertThat(chats(fx)).isEmpty();
    }

    private static void end(RecordingFixture fx) {
        expect(fx.doctor().post("/api/v1/visits/" + fx.visit() + "/transitions", body("to", "IN_PROGRESS")), 200);
        expect(fx.doctor().post("/api/v1/visits/" + fx.visit() + "/transitions", body("to", "ENDED")), 200);
    }

    private static List<JsonNode> chats(RecordingFixture fx) {
        List<JsonNode> chats = new ArrayList<>();
        json(expect(fx.doctor().get("/api/v1/visits/" + fx.visit() + "/artifacts"), 200))
                .path("artifacts")
                .forEach(a -> {
                    if (a.path("kind").asString().equals("CHAT")) {
                        chats.add(a);
                    }
                });
        return chats;
    }
}
