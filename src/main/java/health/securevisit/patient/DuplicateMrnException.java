package health.securevisit.patient;

import health.securevisit.platform.SecureVisitException;

/** Another patient has this MRN (409, code {@code mrn-taken}); the message does not repeat the MRN. */
public final class DuplicateMrnException extends SecureVisitException {

    public DuplicateMrnException() {
        super(Kind.CONFLICT, "mrn-taken", "Another patient already has this MRN.");
    }
}
