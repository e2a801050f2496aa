package health.securevisit.keys;

import health.securevisit.platform.SecureVisitException;

/** No artifact with this id is stored. */
public final class UnknownArtifactException extends SecureVisitException {

    public UnknownArtifactException(String objectId) {
        super(Kind.NOT_FOUND, "artifact-not-found", "The artifact " + objectId + " does not exist.");
    }
}
