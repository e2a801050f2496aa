package health.securevisit.patient;

import health.securevisit.platform.SecureVisitException;

/** No patient with that id (404, code {@code patient-not-found}). */
public final class PatientNotFoundException extends SecureVisitException {

    public PatientNotFoundException() {
        super(Kind.NOT_FOUND, "patient-not-found", "There is no patient with this id.");
    }
}
