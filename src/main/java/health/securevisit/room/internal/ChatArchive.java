package health.securevisit.room.internal;

import health.securevisit.records.ArtifactKind;
import health.securevisit.records.VisitArtifacts;
import health.securevisit.visit.VisitLifecycle;
import health.securevisit.visit.VisitStatusChanged;
import java.io.ByteArrayInputStream;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Keeps the room's chat as a record of the visit when the visit ends: the messages as JSON, stored
 * through {@link VisitArtifacts} (encrypted by the artifact vault, retained, in the visit export). A
 * visit without messages stores nothing. A failure is logged with the visit id only and never stops
 * the visit from ending; the messages stay in the room's encrypted table.
 */
@Component
class ChatArchive {

    /** One message of the archive. */
    record Line(UUID id, UUID from, String role, String text, Instant sentAt) {}

    record Archive(UUID visitId, List<Line> messages) {}

    private static final Logger log = LoggerFactory.getLogger(ChatArchive.class);

    private final ChatStore chat;
    private final VisitLifecycle visits;
    private final VisitArtifacts artifacts;

    ChatArchive(ChatStore chat, VisitLifecycle visits, VisitArtifacts artifacts) {
        this.chat = chat;
        this.visits = visits;
        this.artifacts = artifacts;
    }

    @EventListener
    void on(VisitStatusChanged changed) {
        if (!"ENDED".equals(changed.status())) {
            return;
        }
        try {
            visits.find(changed.visitId()).ifPresent(visit -> {
                List<Line> lines = chat.list(changed.visitId(), visit.patientId()).stream()
                        .map(m -> new Line(m.id(), m.from(), m.role().wire(), m.text(), m.sentAt()))
                        .toList();
                if (!lines.isEmpty()) {
                    byte[] json = JsonMapper.shared().writeValueAsBytes(new Archive(changed.visitId(), lines));
                    artifacts.storeFromServer(
                            changed.visitId(),
                            ArtifactKind.CHAT,
                            "application/json",
                            new ByteArrayInputStream(json),
                            "room-chat");
                }
            });
        } catch (RuntimeException e) {
            log.warn(
                    "archiving the chat of visit {} failed: {}",
                    changed.visitId(),
                    e.getClass().getSimpleName());
        }
    }
}
