package health.securevisit.keys;

import health.securevisit.platform.SecureVisitException;

/** An artifact id that is or was in use: ids are never reused, even after deletion. */
public final class ArtifactExistsException extends SecureVisitException {

    public ArtifactExistsException(String objectId) {
        super(Kind.CONFLICT, "artifact-exists", "The artifact " + objectId + " already exists or existed.");
    }
}
