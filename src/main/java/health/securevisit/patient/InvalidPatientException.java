package health.securevisit.patient;

import health.securevisit.platform.SecureVisitException;

/**
 * Invalid demographics (400, code {@code invalid-patient}); the message names the field and the
 * rule, never the value.
 */
public final class InvalidPatientException extends SecureVisitException {

    public InvalidPatientException(String message) {
        super(Kind.INVALID, "invalid-patient", message);
    }
}
