package health.securevisit.room.internal;

import health.securevisit.identity.WorkforcePrincipal;
import jakarta.servlet.http.HttpSession;
import java.util.Locale;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Someone in a visit's room: the visit's clinician (workforce session with an ALLOW of the access
 * decision point) or its patient (room credential). Holds no secret.
 *
 * @param visitId the visit
 * @param id the participant id: the patient's credential names it; a clinician's is derived from the
 *     visit and the clinician (stable across reloads and nodes, and not the workforce user id)
 * @param role clinician or patient
 * @param principal the clinician's principal at entry (null for the patient)
 * @param session the clinician's workforce session (null for the patient)
 * @param credentialId the patient's credential (null for a clinician)
 */
public record Participant(
        UUID visitId,
        UUID id,
        Role role,
        @Nullable WorkforcePrincipal principal,
        @Nullable HttpSession session,
        @Nullable UUID credentialId) {

    /** What a participant is in the room. */
    public enum Role {
        CLINICIAN,
        PATIENT;

        /** The protocol's name: {@code clinician} or {@code patient}. */
        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    static UUID clinicianId(UUID visitId, UUID userId) {
        return UUID.nameUUIDFromBytes(
                ("securevisit-room:" + visitId + ":" + userId).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    static Participant clinician(UUID visitId, WorkforcePrincipal principal, HttpSession session) {
        return new Participant(visitId, clinicianId(visitId, principal.id()), Role.CLINICIAN, principal, session, null);
    }

    static Participant patient(UUID visitId, UUID participantId, UUID credentialId) {
        return new Participant(visitId, participantId, Role.PATIENT, null, null, credentialId);
    }

    public boolean clinician() {
        return role == Role.CLINICIAN;
    }

    /** What the other side sees as a name: the clinician's username, or "Patient" (no PHI in frames). */
    public String displayName() {
        WorkforcePrincipal p = principal;
        return p == null ? "Patient" : p.username();
    }

    @Override
    public String toString() {
        return "Participant[visitId=" + visitId + ", id=" + id + ", role=" + role + "]";
    }
}
