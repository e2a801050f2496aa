package health.securevisit.patient.web;

import health.securevisit.platform.SecureVisitException;

/** A request the patient endpoints refuse before it reaches the module (400); never echoes the request. */
final class RefusedRequestException extends SecureVisitException {

    private RefusedRequestException(String code, String message) {
        super(Kind.INVALID, code, message);
    }

    static RefusedRequestException reasonTooLong(int max) {
        return new RefusedRequestException("reason-too-long", "reason must be at most " + max + " characters.");
    }
}
