package health.securevisit.room.internal;

import health.securevisit.room.RoomRelay;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
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

    Rooms(RoomRelay relay) {
        relay.subscribe(this);
    }

    /** Seats {@code seat}; returns the seat it replaces (the same participant's older socket), if any. */
    @Nullable
    Seat take(Seat seat) {
        return rooms.computeIfAbsent(seat.participant.visitId(), k -> new ConcurrentHashMap<>())
                .put(seat.participant.id(), seat);
    }

    /** Frees {@code seat} if it is still the participant's; returns whether it was. */
    boolean leave(Seat seat) {
        boolean[] left = {false};
        rooms.computeIfPresent(seat.participant.visitId(), (visit, seats) -> {
            left[0] = seats.remove(seat.participant.id(), seat);
            return seats.isEmpty() ? null : seats;
        });
        return left[0];
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
                seat.send(frame);
            }
        }
    }
}
