package health.securevisit.room.internal;

import health.securevisit.access.AccessDecision;
import health.securevisit.access.AccessPolicy;
import health.securevisit.access.AccessRequest;
import health.securevisit.access.DataClass;
import health.securevisit.access.Intent;
import health.securevisit.audit.Outcome;
import health.securevisit.identity.WorkforcePrincipal;
import health.securevisit.identity.WorkforceSessions;
import health.securevisit.platform.FreeText;
import health.securevisit.platform.SecureVisitException;
import health.securevisit.platform.Throttle;
import health.securevisit.platform.ThrottleRule;
import health.securevisit.platform.Throttles;
import health.securevisit.platform.TooManyAttemptsException;
import health.securevisit.room.RoomRelay;
import health.securevisit.room.internal.ClientMessage.Admit;
import health.securevisit.room.internal.ClientMessage.Candidate;
import health.securevisit.room.internal.ClientMessage.Chat;
import health.securevisit.room.internal.ClientMessage.Media;
import health.securevisit.room.internal.ClientMessage.Sdp;
import health.securevisit.visit.VisitLifecycle;
import health.securevisit.visit.VisitSnapshot;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.WebSocketSession;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The room's signaling: seats participants, answers and relays their frames, drives admission and the
 * end of the visit. A frame that cannot be used answers an {@code error} frame to its sender only; the
 * socket stays open and the other participants see nothing.
 */
@Service
public class RoomSignaling {

    /** The most characters of a chat message. */
    public static final int MAX_CHAT = 4000;

    private final Rooms rooms;
    private final RoomRelay relay;
    private final RoomFrames frames;
    private final RoomCredentials credentials;
    private final VisitLifecycle visits;
    private final AccessPolicy policy;
    private final WorkforceSessions sessions;
    private final ChatStore chat;
    private final RoomAudit audit;
    private final Throttle throttle;
    private final Clock clock;

    RoomSignaling(
            Rooms rooms,
            RoomRelay relay,
            RoomFrames frames,
            RoomCredentials credentials,
            VisitLifecycle visits,
            AccessPolicy policy,
            WorkforceSessions sessions,
            ChatStore chat,
            RoomAudit audit,
            Throttles throttles,
            RoomSettings settings,
            Clock clock) {
        this.rooms = rooms;
        this.relay = relay;
        this.frames = frames;
        this.credentials = credentials;
        this.visits = visits;
        this.policy = policy;
        this.sessions = sessions;
        this.chat = chat;
        this.audit = audit;
        this.throttle = throttles.create(
                "room-frames", ThrottleRule.perWindow(settings.messagesPerWindow(), settings.messageWindow()));
        this.clock = clock;
    }

    /** A socket opened for {@code entry}: seat it (closing the participant's older socket) and greet. */
    Seat opened(RoomEntry.Entry entry, WebSocketSession socket) {
        Participant p = entry.participant();
        VisitSnapshot visit = entry.visit();
        boolean admitted = p.clinician() || (visit.status().equals(VisitSnapshot.IN_PROGRESS) && admittedBefore(p));
        Seat seat = new Seat(p, socket, admitted, clock.instant());
        Seat older = rooms.take(seat);
        if (older != null) {
            older.close(CloseCodes.REPLACED);
        }
        if (p.credentialId() != null) {
            credentials.used(p.credentialId());
        }
        audit.record("room.enter", Outcome.SUCCESS, older == null ? "entered" : "rejoined", p, visit.patientId(), null);
        ObjectNode welcome = frames.frame("welcome");
        welcome.putObject("you")
                .put("participantId", p.id().toString())
                .put("role", p.role().wire());
        welcome.put("visitStatus", visit.status()).put("admitted", admitted);
        welcome.set("peers", peers(p.visitId(), p.id()));
        seat.send(frames.write(welcome));
        if (admitted) {
            announceJoined(p.visitId(), Rooms.member(seat));
        }
        sendWaiting(p.visitId());
        return seat;
    }

    private boolean admittedBefore(Participant p) {
        UUID credential = p.credentialId();
        return credential != null && credentials.admittedAt(credential) != null;
    }

    /** A socket closed: free its seat if it still holds it, tell the others. */
    void closed(Seat seat) {
        if (!rooms.leave(seat)) {
            return;
        }
        Participant p = seat.participant;
        if (p.credentialId() != null) {
            credentials.used(p.credentialId());
        }
        if (seat.admitted) {
            ObjectNode left = frames.frame("peer-left").put("participantId", p.id().toString());
            relay.send(p.visitId(), others(p.visitId(), p.id(), true), frames.write(left));
        } else {
            sendWaiting(p.visitId());
        }
    }

    /** A frame from {@code seat}. */
    void received(Seat seat, String payload) {
        try {
            throttle.attempt(seat.socket.getId());
        } catch (TooManyAttemptsException e) {
            seat.send(frames.error(
                    "rate-limited", "Too many frames; wait " + e.retryAfter().toSeconds() + " s."));
            return;
        }
        ClientMessage message;
        try {
            message = frames.read(payload);
        } catch (RoomFrames.Refused refused) {
            seat.send(frames.error(refused.code(), refused.getMessage()));
            return;
        }
        if (!message.type().equals("ping")) {
            activity(seat);
        }
        try {
            dispatch(seat, message);
        } catch (RuntimeException failed) {
            // The database or the audit trail failed: this frame is refused, the socket and the call go on.
            seat.send(frames.error("unavailable", "This could not be done now; try again."));
        }
    }

    private void dispatch(Seat seat, ClientMessage message) {
        switch (message) {
            case Admit admit -> admit(seat, admit);
            case Sdp sdp -> relayTo(seat, sdp.to(), frames.frame(sdp.type()).put("sdp", sdp.sdp()));
            case Candidate c -> {
                ObjectNode frame = frames.frame("candidate");
                frame.set("candidate", c.candidate() == null ? null : frames.tree(c.candidate()));
                relayTo(seat, c.to(), frame);
            }
            case Media m -> media(seat, m);
            case Chat c -> chat(seat, c);
            case ClientMessage.Bare bare -> bare(seat, bare.type());
        }
    }

    private void bare(Seat seat, String type) {
        switch (type) {
            case "ping" -> seat.send(frames.write(frames.frame("pong")));
            case "end-visit" -> endVisit(seat);
            default -> {
                // activity: counted above
            }
        }
    }

    private void activity(Seat seat) {
        Instant now = clock.instant();
        seat.lastActivity = now;
        seat.warned = false;
        if (seat.participant.session() != null && now.isAfter(seat.lastTouch.plusSeconds(30))) {
            seat.lastTouch = now;
            sessions.touch(seat.participant.session());
        }
    }

    private void admit(Seat seat, Admit admit) {
        Participant clinician = seat.participant;
        if (!clinician.clinician()) {
            seat.send(frames.error("forbidden", "Only the visit's clinician admits participants."));
            return;
        }
        RoomRoster.Member patient = rooms.member(clinician.visitId(), admit.participantId());
        if (patient == null || patient.clinician()) {
            seat.send(frames.error("unknown-participant", "Nobody with this id waits in this room."));
            return;
        }
        Optional<WorkforcePrincipal> by = decided(seat, "room.admit", Intent.CHANGE);
        if (by.isEmpty()) {
            return;
        }
        VisitSnapshot visit;
        try {
            visit = visits.startCall(clinician.visitId(), by.get());
        } catch (SecureVisitException refused) {
            seat.send(frames.error(refused.code(), refused.getMessage()));
            return;
        }
        UUID credential = patient.credentialId();
        if (credential != null) {
            credentials.admitted(credential);
        }
        audit.record("room.admit", Outcome.SUCCESS, "admitted", clinician, visit.patientId(), null);
        if (!patient.admitted()) {
            rooms.admit(clinician.visitId(), patient.participantId());
            ObjectNode admitted = frames.frame("admitted");
            admitted.set("peers", peers(clinician.visitId(), patient.participantId()));
            relay.send(clinician.visitId(), List.of(patient.participantId()), frames.write(admitted));
            announceJoined(clinician.visitId(), patient);
        }
        sendWaiting(clinician.visitId());
    }

    private void endVisit(Seat seat) {
        if (!seat.participant.clinician()) {
            seat.send(frames.error("forbidden", "Only the visit's clinician ends the visit."));
            return;
        }
        Optional<WorkforcePrincipal> by = decided(seat, "room.end-visit", Intent.CHANGE);
        if (by.isEmpty()) {
            return;
        }
        try {
            visits.end(seat.participant.visitId(), by.get());
        } catch (SecureVisitException refused) {
            seat.send(frames.error(refused.code(), refused.getMessage()));
        }
        // The visit module announces ENDED; statusChanged() closes the room.
    }

    /** The clinician's principal once the decision point allowed {@code action} (errors answered). */
    private Optional<WorkforcePrincipal> decided(Seat seat, String action, Intent intent) {
        Participant p = seat.participant;
        if (p.session() == null) {
            return Optional.empty();
        }
        Optional<VisitSnapshot> visit = visits.find(p.visitId());
        if (visit.isEmpty()) {
            return Optional.empty();
        }
        Optional<AccessDecision> decision = sessions.as(
                p.session(),
                () -> policy.decide(AccessRequest.visit(
                        action,
                        DataClass.LIVE_VISIT,
                        intent,
                        "room",
                        visit.get().facts())));
        if (decision.isEmpty()) {
            seat.close(CloseCodes.CREDENTIAL);
            return Optional.empty();
        }
        if (!decision.get().allowed()) {
            seat.send(frames.error(decision.get().rule(), "The access decision point refused this step."));
            return Optional.empty();
        }
        return sessions.live(p.session());
    }

    private void relayTo(Seat seat, @Nullable UUID to, ObjectNode frame) {
        Participant p = seat.participant;
        RoomRoster.Member target = to == null ? null : rooms.member(p.visitId(), to);
        if (!seat.admitted
                || target == null
                || !target.admitted()
                || target.participantId().equals(p.id())) {
            seat.send(frames.error("not-admitted", "Signaling goes only between admitted participants of this visit."));
            return;
        }
        frame.put("from", p.id().toString());
        relay.send(p.visitId(), List.of(target.participantId()), frames.write(frame));
    }

    private void media(Seat seat, Media m) {
        if (!seat.admitted) {
            seat.send(frames.error("not-admitted", "Only admitted participants share their media state."));
            return;
        }
        Participant p = seat.participant;
        ObjectNode frame = frames.frame("media")
                .put("from", p.id().toString())
                .put("audio", m.audio())
                .put("video", m.video())
                .put("audioOnly", m.audioOnly());
        relay.send(p.visitId(), others(p.visitId(), p.id(), true), frames.write(frame));
    }

    private void chat(Seat seat, Chat c) {
        Participant p = seat.participant;
        if (!seat.admitted) {
            seat.send(frames.error("not-admitted", "Chat opens once you are admitted."));
            return;
        }
        String text = c.text();
        Optional<String> normalized = text == null ? Optional.empty() : FreeText.normalized(text);
        if (normalized.isEmpty() || FreeText.visibleLength(normalized.get()) == 0) {
            seat.send(frames.error(
                    "invalid-message",
                    "A chat message needs visible text without bidi controls or zero-width characters."));
            return;
        }
        if (normalized.get().codePointCount(0, normalized.get().length()) > MAX_CHAT) {
            seat.send(frames.error("chat-too-long", "A chat message is at most " + MAX_CHAT + " characters."));
            return;
        }
        Optional<VisitSnapshot> visit = visits.find(p.visitId()).filter(VisitSnapshot::live);
        if (visit.isEmpty()) {
            seat.send(frames.error("visit-not-live", "This visit has ended."));
            return;
        }
        // Audited first: a message whose record cannot be written is not stored.
        audit.record("room.chat.send", Outcome.SUCCESS, "sent", p, visit.get().patientId(), null);
        ChatStore.Message stored = chat.save(p, visit.get().patientId(), normalized.get(), clock.instant());
        ObjectNode frame = frames.frame("chat")
                .put("id", stored.id().toString())
                .put("from", p.id().toString())
                .put("role", p.role().wire())
                .put("text", stored.text())
                .put("sentAt", stored.sentAt().toString());
        relay.send(p.visitId(), others(p.visitId(), null, true), frames.write(frame));
    }

    /** A visit moved on: every socket of its room hears it; an ended visit closes them. */
    public void statusChanged(UUID visitId, String status) {
        List<Seat> seats = rooms.seats(visitId);
        boolean over = visits.find(visitId).map(v -> !v.live()).orElse(true);
        if (over) {
            credentials.revokeVisit(visitId);
        }
        List<UUID> everyone = rooms.members(visitId).stream()
                .map(RoomRoster.Member::participantId)
                .toList();
        if (everyone.isEmpty()) {
            return;
        }
        String frame = frames.write(frames.frame("visit-status").put("status", status));
        relay.send(visitId, everyone, frame);
        if (over) {
            seats.forEach(s -> s.close(CloseCodes.ENDED));
        }
    }

    /** Closes {@code seat} for a reason found by the supervisor or a session listener. */
    void close(Seat seat, CloseStatus status) {
        seat.close(status);
    }

    private void announceJoined(UUID visitId, RoomRoster.Member m) {
        ObjectNode joined = frames.frame("peer-joined")
                .put("participantId", m.participantId().toString())
                .put("role", m.role().wire())
                .put("displayName", m.displayName());
        relay.send(visitId, others(visitId, m.participantId(), true), frames.write(joined));
    }

    /** Tells the clinicians of the room who waits. */
    private void sendWaiting(UUID visitId) {
        List<RoomRoster.Member> members = rooms.members(visitId);
        ObjectNode frame = frames.frame("waiting");
        ArrayNode list = frame.putArray("participants");
        for (RoomRoster.Member m : members) {
            if (!m.admitted() && !m.clinician()) {
                list.addObject()
                        .put("participantId", m.participantId().toString())
                        .put("role", m.role().wire())
                        .put("since", m.since().toString());
            }
        }
        List<UUID> clinicians = members.stream()
                .filter(RoomRoster.Member::clinician)
                .map(RoomRoster.Member::participantId)
                .toList();
        if (!clinicians.isEmpty()) {
            relay.send(visitId, clinicians, frames.write(frame));
        }
    }

    private ArrayNode peers(UUID visitId, UUID except) {
        ArrayNode peers = frames.frame("x").arrayNode();
        for (RoomRoster.Member m : rooms.members(visitId)) {
            if (m.admitted() && !m.participantId().equals(except)) {
                peers.addObject()
                        .put("participantId", m.participantId().toString())
                        .put("role", m.role().wire())
                        .put("displayName", m.displayName());
            }
        }
        return peers;
    }

    /** The participants of the room other than {@code except}, only the admitted ones if asked. */
    private List<UUID> others(UUID visitId, @Nullable UUID except, boolean admittedOnly) {
        return rooms.members(visitId).stream()
                .filter(m -> !m.participantId().equals(except) && (!admittedOnly || m.admitted()))
                .map(RoomRoster.Member::participantId)
                .toList();
    }

    /** Sockets of this node (for the benchmark and health). */
    public int sockets() {
        return rooms.sockets();
    }
}
