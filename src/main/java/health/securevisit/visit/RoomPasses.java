package health.securevisit.visit;

import java.util.UUID;

/**
 * Room credentials for patients who just joined a visit through a link; implemented by the room
 * module (which the visit module does not depend on). Without an implementation, a join answers no
 * room credential.
 */
public interface RoomPasses {

    /**
     * A new room credential for the patient of {@code visitId}; earlier credentials of that visit end.
     *
     * @return the participant id and the {@code Set-Cookie} header value carrying the credential
     */
    Pass issue(UUID visitId);

    /** A credential: the participant it names and the cookie that carries it (never logged). */
    record Pass(UUID participantId, String setCookie) {
        @Override
        public String toString() {
            return "Pass[participantId=" + participantId + ", setCookie=***]";
        }
    }
}
