package health.securevisit.hub.internal;

import health.securevisit.platform.SecureVisitException;

/** The hub module's failures: a stable code and a sentence without PHI. */
public final class HubFailure extends SecureVisitException {

    private HubFailure(Kind kind, String code, String message) {
        super(kind, code, message);
    }

    public static HubFailure invalid(String code, String message) {
        return new HubFailure(Kind.INVALID, code, message);
    }

    public static HubFailure forbidden(String code, String message) {
        return new HubFailure(Kind.FORBIDDEN, code, message);
    }

    static HubFailure notFound(String code, String message) {
        return new HubFailure(Kind.NOT_FOUND, code, message);
    }

    static HubFailure conflict(String code, String message) {
        return new HubFailure(Kind.CONFLICT, code, message);
    }

    static HubFailure unknownHub() {
        return notFound("hub-not-found", "No such hub.");
    }

    static HubFailure badEnrolmentCode() {
        return forbidden("enrolment-code-invalid", "The enrolment code is unknown, used or expired.");
    }
}
