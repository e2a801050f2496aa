package health.securevisit.room.internal;

import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/** The roster of a single node: nobody is seated elsewhere. {@link RedisRoomRoster} takes its place in a cluster. */
@Component
class LocalRoomRoster implements RoomRoster {

    @Override
    public void seated(Seat seat) {}

    @Override
    public void left(Seat seat) {}

    @Override
    public void admitted(UUID visitId, UUID participantId) {}

    @Override
    public boolean isAdmitted(UUID visitId, UUID participantId) {
        return false;
    }

    @Override
    public List<Member> remote(UUID visitId) {
        return List.of();
    }

    @Override
    public @Nullable Member remote(UUID visitId, UUID participantId) {
        return null;
    }
}
