package health.securevisit.room.internal;

import health.securevisit.room.RoomRelay;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * The rooms of this node: per visit, the seat of each participant connected here. Frames between
 * participants go through the {@link RoomRelay}; this class is the relay's delivery on this node.
 */
@Component
class Rooms implements RoomRelay.Delivery {

    private final Map<UUID, Map<UUID, Seat>> rooms = new ConcurrentHashMap<>();
    private final RoomRoster roster;

    Rooms(RoomRelay relay, RoomRoster roster) {
        this.roster = roster;
        relay.subscribe(this);
    }

    /** Seats {@code seat}; returns the seat it replaces (the same participant's older socket), if any. */
    @Nullable
    Seat take(Seat seat) {
        Seat older = rooms.computeIfAbsent(seat.participant.visitId(), k -> new ConcurrentHashMap<>())
                .put(seat.participant.id(), seat);
        roster.seated(seat);
        return older;
    }

    /** Frees {@code seat} if it is still the participant's; returns whether it was. */
    boolean leave(Seat seat) {
        boolean[] left = {false};
        rooms.computeIfPresent(seat.participant.visitId(), (visit, seats) -> {
            left[0] = seats.remove(seat.participant.id(), seat);
            return seats.isEmpty() ? null : seats;
        });
        if (left[0]) {
            roster.left(seat);
        }
        return left[0];
    }

    /** Marks the participant admitted, on this node and in the roster of the other nodes. */
    void admit(UUID visitId, UUID participantId) {
        Seat seat = seat(visitId, participantId);
        if (seat != null) {
            seat.admitted = true;
        }
        roster.admitted(visitId, participantId);
    }

    /** Everyone in the visit's room: this node's seats, then those of other nodes (cluster mode). */
    List<RoomRoster.Member> members(UUID visitId) {
        List<RoomRoster.Member> all = new ArrayList<>();
        Set<UUID> here = new HashSet<>();
        for (Seat s : seats(visitId)) {
            all.add(member(s));
            here.add(s.participant.id());
        }
        for (RoomRoster.Member m : roster.remote(visitId)) {
            if (here.add(m.participantId())) {
                all.add(m);
            }
        }
        return all;
    }

    /** The participant's place in the room, on this node or another one. */
    RoomRoster.@Nullable Member member(UUID visitId, UUID participantId) {
        Seat s = seat(visitId, participantId);
        return s != null ? member(s) : roster.remote(visitId, participantId);
    }

    static RoomRoster.Member member(Seat s) {
        Participant p = s.participant;
        return new RoomRoster.Member(p.id(), p.role(), p.displayName(), s.admitted, s.since, p.credentialId());
    }

    /** The seats of a visit's room on this node. */
    List<Seat> seats(UUID visitId) {
        Map<UUID, Seat> seats = rooms.get(visitId);
        return seats == null ? List.of() : new ArrayList<>(seats.values());
    }

    @Nullable
    Seat seat(UUID visitId, UUID participantId) {
        Map<UUID, Seat> seats = rooms.get(visitId);
        return seats == null ? null : seats.get(participantId);
    }

    /** Every seat on this node (for the supervisor). */
    List<Seat> all() {
        List<Seat> all = new ArrayList<>();
        rooms.values().forEach(seats -> all.addAll(seats.values()));
        return all;
    }

    int sockets() {
        return rooms.values().stream().mapToInt(Map::size).sum();
    }

    @Override
    public void deliver(UUID visitId, Collection<UUID> recipients, String frame) {
        Map<UUID, Seat> seats = rooms.get(visitId);
        if (seats == null) {
            return;
        }
        for (UUID recipient : recipients) {
            Seat seat = seats.get(recipient);
            if (seat != null) {
                if (!seat.admitted && roster.isAdmitted(visitId, recipient)) {
                    seat.admitted = true; // admitted by a clinician on another node
                }
                seat.send(frame);
            }
        }
    }
}
