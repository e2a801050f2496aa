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

    /**
     * Stores a finished artifact the server itself produced for a visit (the room's chat when its visit
     * ended), with no one signed in: nothing is disclosed, so there is no access decision; the artifact is
     * encrypted and retained as {@link #store} does, and audited ({@code records.artifact.completed})
     * with the system actor {@code system:<producer>} and the artifact's id.
     */
    ArtifactInfo storeFromServer(
            UUID visitId, ArtifactKind kind, String contentType, InputStream content, String producer);
}
