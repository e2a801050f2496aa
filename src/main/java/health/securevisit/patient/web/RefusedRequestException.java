package health.securevisit.patient.web;

import health.securevisit.platform.SecureVisitException;

/** A request the patient endpoints refuse before it reaches the module (400); never echoes the request. */
final class RefusedRequestException extends SecureVisitException {

    private RefusedRequestException(String code, String message) {
        super(Kind.INVALID, code, message);
    }

    static RefusedRequestException unknownField() {
        return new RefusedRequestException("unknown-field", "The body has a field this endpoint does not accept.");
    }

    static RefusedRequestException phiInUrl() {
        return new RefusedRequestException(
                "phi-in-url", "Patient data never goes in a URL: search with POST /api/v1/patients/search.");
    }

    static RefusedRequestException reasonTooLong(int max) {
        return new RefusedRequestException("reason-too-long", "reason must be at most " + max + " characters.");
    }
}
