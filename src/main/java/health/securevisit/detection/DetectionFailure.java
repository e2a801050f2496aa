package health.securevisit.detection;

import health.securevisit.platform.SecureVisitException;

/** The detection module's refusals (no PHI in any message). */
public final class DetectionFailure extends SecureVisitException {

    private DetectionFailure(Kind kind, String code, String message) {
        super(kind, code, message);
    }

    public static DetectionFailure alertNotFound() {
        return new DetectionFailure(Kind.NOT_FOUND, "alert-not-found", "No such alert.");
    }

    public static DetectionFailure badTransition(AlertStatus from, AlertStatus to) {
        return new DetectionFailure(
                Kind.CONFLICT, "alert-transition-refused", "An alert that is " + from + " cannot become " + to + ".");
    }

    public static DetectionFailure unknownAccount() {
        return new DetectionFailure(Kind.INVALID, "account-unknown", "No enabled account has that id.");
    }

    public static DetectionFailure invalid(String code, String message) {
        return new DetectionFailure(Kind.INVALID, code, message);
    }
}
