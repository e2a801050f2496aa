package health.securevisit.keys;

import health.securevisit.platform.SecureVisitException;

/** No rotation with this id. */
public final class UnknownRotationException extends SecureVisitException {

    public UnknownRotationException() {
        super(Kind.NOT_FOUND, "rotation-not-found", "There is no such key rotation.");
    }
}
