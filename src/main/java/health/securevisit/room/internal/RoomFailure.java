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

    public static RoomFailure visitNotLive() {
        return new RoomFailure(Kind.CONFLICT, "visit-not-live", "This visit has ended.");
    }
}
