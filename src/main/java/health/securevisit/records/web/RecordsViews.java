package health.securevisit.records.web;

import health.securevisit.records.ArtifactInfo;
import health.securevisit.records.ConsentRecord;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** What the records API answers: ids, types, sizes, digests, states and times, never content. */
final class RecordsViews {

    private RecordsViews() {}

    record ArtifactView(
            String id,
            String visitId,
            String kind,
            String contentType,
            String state,
            long size,
            String sha256,
            long storedSize,
            int nextChunk,
            @Nullable String sourceId,
            @Nullable String signedBy,
            Instant createdAt,
            @Nullable Instant completedAt,
            Instant retainUntil) {

        static ArtifactView of(ArtifactInfo a) {
            return new ArtifactView(
                    a.id(),
                    a.visitId().toString(),
                    a.kind().name(),
                    a.contentType(),
                    a.state().name(),
                    a.declaredSize(),
                    a.sha256(),
                    a.storedSize(),
                    a.chunks(),
                    a.sourceId(),
                    a.signedBy() == null ? null : a.signedBy().toString(),
                    a.createdAt(),
                    a.completedAt(),
                    a.retainUntil());
        }
    }

    record ArtifactList(List<ArtifactView> artifacts) {}

    record ConsentView(
            String id,
            String kind,
            String answer,
            String formUrl,
            String formVersion,
            boolean attested,
            @Nullable String recordedBy,
            Instant recordedAt) {
        static ConsentView of(ConsentRecord c) {
            return new ConsentView(
                    c.id().toString(),
                    c.kind().name(),
                    c.answer().name(),
                    c.formUrl(),
                    c.formVersion(),
                    c.attested(),
                    c.recordedBy() == null ? null : c.recordedBy().toString(),
                    c.recordedAt());
        }
    }

    /**
     * The consents of a visit: every decision, oldest first, and the current answer of each kind.
     *
     * @param recordingAllowed whether a recording may run now (the current recording answer is GIVEN)
     */
    record ConsentList(
            List<ConsentView> decisions,
            @Nullable String telehealth,
            @Nullable String recording,
            boolean recordingAllowed) {}
}
