package health.securevisit.records.web;

import health.securevisit.records.ArtifactInfo;
import health.securevisit.records.internal.Transcripts;
import health.securevisit.records.web.RecordsViews.ArtifactView;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Transcripts: the automatic draft of a recording (made by the offline transcription worker) and the
 * clinician's corrected and signed versions. Decided and audited as visit records with the artifact's
 * id; the transcript text is read and written like any artifact and never logged.
 */
@RestController
@Tag(name = "records", description = "Recordings, screenshots, transcripts and consents of a visit")
class TranscriptsApiController {

    /** A corrected version: the whole WebVTT text, and whether the clinician signs it. */
    record Correction(@NotNull String vtt, boolean sign) {}

    private final Transcripts transcripts;

    TranscriptsApiController(Transcripts transcripts) {
        this.transcripts = transcripts;
    }

    @PostMapping(path = "/api/v1/recordings/{id}/transcripts", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(
            summary = "Transcribe a complete recording offline (pocketsphinx): answers the draft transcript,"
                    + " INCOMPLETE until the worker stored it (poll GET /api/v1/artifacts/{id}), then COMPLETE,"
                    + " or DISCARDED when recognition failed; 409 not-a-recording")
    ResponseEntity<ArtifactView> transcribe(@PathVariable String id) {
        ArtifactInfo draft = transcripts.request(id);
        return ResponseEntity.status(HttpStatus.ACCEPTED)
                .location(URI.create("/api/v1/artifacts/" + draft.id()))
                .body(ArtifactView.of(draft));
    }

    @PostMapping(path = "/api/v1/artifacts/{id}/corrections", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(
            summary = "Store a corrected version of a transcript (WebVTT), optionally signed: a new artifact"
                    + " whose sourceId is the corrected version; 409 transcript-signed, transcript-superseded,"
                    + " not-a-transcript")
    ResponseEntity<ArtifactView> correct(@PathVariable String id, @Valid @RequestBody Correction body) {
        ArtifactInfo version = transcripts.correct(id, body.vtt(), body.sign());
        return ResponseEntity.created(URI.create("/api/v1/artifacts/" + version.id()))
                .body(ArtifactView.of(version));
    }
}
