package health.securevisit.room.internal;

import org.springframework.web.socket.CloseStatus;

/** The room's WebSocket close codes (docs/room.md). Reasons are fixed texts without PHI. */
final class CloseCodes {

    /** The credential is invalid or expired: the patient's credential, or the clinician's session (logout, expiry). */
    static final CloseStatus CREDENTIAL = new CloseStatus(4401, "credential invalid or expired");
    /** The access decision was revoked (care team, window, role, account). */
    static final CloseStatus REVOKED = new CloseStatus(4403, "access revoked");
    /** Idle too long. */
    static final CloseStatus IDLE = new CloseStatus(4408, "idle");
    /** A newer socket of the same participant took this one's place. */
    static final CloseStatus REPLACED = new CloseStatus(4409, "replaced by a newer socket");
    /** The visit ended. */
    static final CloseStatus ENDED = new CloseStatus(4410, "visit ended");

    private CloseCodes() {}
}
