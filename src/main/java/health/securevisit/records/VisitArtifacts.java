package health.securevisit.records;

import java.io.InputStream;
import java.util.UUID;

/**
 * Stores a finished artifact of a visit (a chat transcript export from the room, a document) in one
 * call, the same way recordings are stored: through the access decision point (the signed-in
 * clinician on the care team, data class {@code VISIT_RECORDS}), encrypted by the artifact vault while
 * it streams (never plaintext on disk), with its SHA-256 and size recorded and the retention of its
 * kind from the visit's start.
 */
public interface VisitArtifacts {

    /**
     * Reads {@code content} to its end (not closed) and stores it as a complete artifact of the visit.
     * An ended visit is accepted (a chat is exported when its visit ends); the access window is not.
     */
    ArtifactInfo store(UUID visitId, ArtifactKind kind, String contentType, InputStream content);
}
