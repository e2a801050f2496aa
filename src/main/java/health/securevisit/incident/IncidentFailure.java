package health.securevisit.incident;

import health.securevisit.platform.SecureVisitException;

/** The incident module's refusals; messages name fields, never values or PHI. */
public final class IncidentFailure extends SecureVisitException {

    private IncidentFailure(Kind kind, String code, String message) {
        super(kind, code, message);
    }

    public static IncidentFailure invalid(String code, String message) {
        return new IncidentFailure(Kind.INVALID, code, message);
    }

    public static IncidentFailure notFound(String what) {
        return new IncidentFailure(Kind.NOT_FOUND, what + "-not-found", "No such " + what + ".");
    }

    public static IncidentFailure conflict(String code, String message) {
        return new IncidentFailure(Kind.CONFLICT, code, message);
    }
}
