package health.securevisit.records;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * What is known about an artifact without reading it (no content, no name).
 *
 * @param id the artifact id
 * @param visitId the visit it belongs to
 * @param patientId that visit's patient
 * @param kind recording, screenshot, transcript or chat
 * @param contentType the declared media type
 * @param state its state
 * @param declaredSize the size the uploader declared
 * @param sha256 the declared (for a complete artifact: verified) SHA-256, lower-case hex
 * @param storedSize the bytes stored so far
 * @param chunks the chunks stored so far (the next expected chunk number)
 * @param sourceId for a transcript: the recording it was made from, or the draft a signed version corrects
 * @param signedBy for a signed transcript: the clinician who signed it
 * @param createdAt when the upload started
 * @param completedAt when it completed
 * @param retainUntil when its retention ends
 */
public record ArtifactInfo(
        String id,
        UUID visitId,
        UUID patientId,
        ArtifactKind kind,
        String contentType,
        ArtifactState state,
        long declaredSize,
        String sha256,
        long storedSize,
        int chunks,
        @Nullable String sourceId,
        @Nullable UUID signedBy,
        Instant createdAt,
        @Nullable Instant completedAt,
        Instant retainUntil) {

    @Override
    public String toString() {
        return "ArtifactInfo[" + id + ", " + kind + ", " + state + "]";
    }
}
