package health.securevisit.room.web;

import health.securevisit.access.AccessPolicy;
import health.securevisit.access.AccessRequest;
import health.securevisit.access.DataClass;
import health.securevisit.access.Intent;
import health.securevisit.audit.Outcome;
import health.securevisit.identity.CurrentWorkforceUser;
import health.securevisit.room.internal.ChatStore;
import health.securevisit.room.internal.RoomAudit;
import health.securevisit.room.internal.RoomEntry;
import health.securevisit.room.internal.RoomFailure;
import health.securevisit.room.internal.TurnCredentials;
import health.securevisit.room.internal.TurnCredentials.IceConfiguration;
import health.securevisit.visit.VisitLifecycle;
import health.securevisit.visit.VisitSnapshot;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The room's HTTP endpoints: TURN credentials for a participant of a live visit, and the visit's chat
 * (participants during the visit, the care team inside the access window afterwards). Every answer is
 * decided and audited before it leaves; none is cached.
 */
@RestController
@RequestMapping(path = "/api/v1/visits/{id}/room", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(
        name = "room",
        description = "The live visit: ICE servers (TURN credentials) and chat; signaling is the"
                + " WebSocket at /api/v1/visits/{id}/room (docs/room.md)")
class RoomApiController {

    record ChatItem(UUID id, UUID from, String role, String text, Instant sentAt) {
        @Override
        public String toString() {
            return "ChatItem[id=" + id + ", text=***]";
        }
    }

    record ChatList(List<ChatItem> messages) {}

    private final RoomEntry entry;
    private final TurnCredentials turn;
    private final ChatStore chat;
    private final RoomAudit audit;
    private final AccessPolicy policy;
    private final CurrentWorkforceUser currentUser;
    private final VisitLifecycle visits;

    RoomApiController(
            RoomEntry entry,
            TurnCredentials turn,
            ChatStore chat,
            RoomAudit audit,
            AccessPolicy policy,
            CurrentWorkforceUser currentUser,
            VisitLifecycle visits) {
        this.entry = entry;
        this.turn = turn;
        this.chat = chat;
        this.audit = audit;
        this.policy = policy;
        this.currentUser = currentUser;
        this.visits = visits;
    }

    @GetMapping("/ice-servers")
    @Operation(
            summary = "TURN credentials (RTCIceServer list) for a participant of a live visit: the visit's"
                    + " clinician (care team, window, fresh MFA) or its patient (room credential cookie);"
                    + " valid at most 10 minutes; 503 turn-vendor-refused while the relay's vendor has no current BAA")
    ResponseEntity<IceConfiguration> iceServers(@PathVariable UUID id, HttpServletRequest request) {
        RoomEntry.Entry in = entry.enterOrThrow(request, id, "room.ice-servers").orElseThrow(RoomFailure::accessDenied);
        if (!in.participant().clinician()) {
            audit.record(
                    "room.ice-servers",
                    Outcome.SUCCESS,
                    "minted",
                    in.participant(),
                    in.visit().patientId(),
                    request.getRemoteAddr());
        }
        return noStore(turn.mint(id, in.participant().id()));
    }

    @GetMapping("/chat")
    @Operation(
            summary = "The visit's chat: its participants during the visit (patient: room credential), the care"
                    + " team inside the access window afterwards (CLINICAL: identity verified, fresh MFA)")
    ResponseEntity<ChatList> chat(@PathVariable UUID id, HttpServletRequest request) {
        VisitSnapshot visit;
        if (currentUser.current().isPresent()) {
            VisitSnapshot found = visits.find(id).orElse(null);
            if (found == null) {
                policy.authorize(
                        AccessRequest.collection("room.chat.read", DataClass.CLINICAL, "room-chat", id.toString()));
                throw RoomFailure.accessDenied();
            }
            policy.authorize(
                    AccessRequest.visit("room.chat.read", DataClass.CLINICAL, Intent.READ, "room-chat", found.facts()));
            visit = found;
        } else {
            RoomEntry.Entry in = entry.enter(request, id, "room.chat.read").orElseThrow(RoomFailure::accessDenied);
            visit = in.visit();
            audit.record(
                    "room.chat.read",
                    Outcome.SUCCESS,
                    "read",
                    in.participant(),
                    visit.patientId(),
                    request.getRemoteAddr());
        }
        List<ChatItem> items = chat.list(id, visit.patientId()).stream()
                .map(m -> new ChatItem(m.id(), m.from(), m.role().wire(), m.text(), m.sentAt()))
                .toList();
        return noStore(new ChatList(items));
    }

    private static <T> ResponseEntity<T> noStore(T body) {
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(body);
    }
}
