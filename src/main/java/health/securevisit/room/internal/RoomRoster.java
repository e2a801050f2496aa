package health.securevisit.room.internal;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Who is in a visit's room on the other nodes of a cluster: {@link Rooms} holds this node's seats, the
 * roster the others'. On one node (the default) the roster is empty; with
 * {@code SECUREVISIT_CLUSTER_RELAY=redis} it is a Redis hash per visit that each node writes for its own
 * seats ({@link RedisRoomRoster}).
 */
interface RoomRoster {

    /** A participant seated on another node, as the room needs it (no PHI: a display name is a username). */
    record Member(
            UUID participantId,
            Participant.Role role,
            String displayName,
            boolean admitted,
            Instant since,
            @Nullable UUID credentialId) {

        boolean clinician() {
            return role == Participant.Role.CLINICIAN;
        }
    }

    /** {@code seat} was taken on this node. */
    void seated(Seat seat);

    /** {@code seat} of this node was freed (a newer seat of the participant elsewhere stays). */
    void left(Seat seat);

    /** The participant was admitted (by a clinician on any node). */
    void admitted(UUID visitId, UUID participantId);

    /** Whether the roster holds {@code participantId} as admitted. */
    boolean isAdmitted(UUID visitId, UUID participantId);

    /** The members of the visit's room seated on other nodes. */
    List<Member> remote(UUID visitId);

    /** The member seated on another node, if any. */
    @Nullable
    Member remote(UUID visitId, UUID participantId);
}
