package health.securevisit.room.internal;

import health.securevisit.platform.SecureVisitException;

/** The room's refusals on HTTP; messages never name a patient or echo input. */
public final class RoomFailure extends SecureVisitException {

    private RoomFailure(Kind kind, String code, String message) {
        super(kind, code, message);
    }

    public static RoomFailure accessDenied() {
        return new RoomFailure(
                Kind.FORBIDDEN,
                "access-denied",
                "You are not a participant of this visit, or your room session has ended.");
    }

    /** The TURN relay's vendor has no current BAA: the egress gate refuses to send visit media there. */
    public static RoomFailure turnVendorRefused() {
        return new RoomFailure(
                Kind.UNAVAILABLE,
                "turn-vendor-refused",
                "The media relay is unavailable: its vendor's business associate agreement is not current."
                        + " The security officer has been alerted.");
    }

    public static RoomFailure visitNotLive() {
        return new RoomFailure(Kind.CONFLICT, "visit-not-live", "This visit has ended.");
    }
}
