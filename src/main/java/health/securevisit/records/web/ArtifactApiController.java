package health.securevisit.records.web;

import health.securevisit.records.ArtifactInfo;
import health.securevisit.records.ConsentAnswer;
import health.securevisit.records.ConsentKind;
import health.securevisit.records.ConsentRecord;
import health.securevisit.records.internal.ArtifactStore;
import health.securevisit.records.internal.Consents;
import health.securevisit.records.web.RecordsViews.ArtifactList;
import health.securevisit.records.web.RecordsViews.ArtifactView;
import health.securevisit.records.web.RecordsViews.ConsentList;
import health.securevisit.records.web.RecordsViews.ConsentView;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * Recordings (resumable chunked upload), screenshots, artifact lists and reads with byte ranges, and
 * consents. Every endpoint asks the access decision point first (data class VISIT_RECORDS), which
 * audits the decision with the artifact's id (or the visit's); bodies are never logged.
 */
@RestController
@Tag(name = "records", description = "Recordings, screenshots, transcripts and consents of a visit")
class ArtifactApiController {

    record NewRecording(
            @NotBlank @Size(max = 100) String contentType,
            @NotNull @Min(1) Long size,
            @NotBlank @Size(min = 64, max = 64) String sha256) {}

    record NewConsent(@NotNull ConsentKind kind, @NotNull ConsentAnswer answer) {}

    private final ArtifactStore store;
    private final Consents consents;

    ArtifactApiController(ArtifactStore store, Consents consents) {
        this.store = store;
        this.consents = consents;
    }

    @PostMapping(path = "/api/v1/visits/{visitId}/recordings", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(
            summary = "Declare a recording upload (content type, size, SHA-256); needs a current recording"
                    + " consent (409 recording-consent-required) and a visit that has not ended (409 visit-ended)")
    ResponseEntity<ArtifactView> start(@PathVariable UUID visitId, @Valid @RequestBody NewRecording body) {
        ArtifactInfo a = store.startRecording(visitId, body.contentType(), body.size(), body.sha256());
        return ResponseEntity.created(URI.create("/api/v1/artifacts/" + a.id())).body(ArtifactView.of(a));
    }

    @PutMapping(path = "/api/v1/recordings/{id}/chunks/{number}", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(
            summary = "Store chunk {number} (0, 1, 2 ... in order) with its SHA-256 in Content-Digest;"
                    + " a retry resumes at the next expected chunk (nextChunk of the recording)")
    ArtifactView chunk(
            @PathVariable String id,
            @PathVariable int number,
            @RequestHeader(name = "Content-Digest", required = false) @Nullable String digest,
            HttpServletRequest request)
            throws IOException {
        return ArtifactView.of(store.putChunk(id, number, digest, request.getInputStream()));
    }

    @PostMapping(path = "/api/v1/recordings/{id}/complete", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(
            summary = "Complete an upload: every byte stored and the whole-file SHA-256 matching the declared"
                    + " one (409 upload-incomplete, 409 digest-mismatch)")
    ArtifactView complete(@PathVariable String id) {
        return ArtifactView.of(store.complete(id));
    }

    @DeleteMapping(path = "/api/v1/recordings/{id}")
    @Operation(summary = "Discard an incomplete upload (its chunks' keys are destroyed)")
    ResponseEntity<Void> discard(@PathVariable String id) {
        store.discard(id);
        return ResponseEntity.noContent().build();
    }

    @PostMapping(path = "/api/v1/visits/{visitId}/screenshots", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Store a PNG screenshot (signature checked) with its SHA-256 in Content-Digest")
    ResponseEntity<ArtifactView> screenshot(
            @PathVariable UUID visitId,
            @RequestHeader(name = "Content-Digest", required = false) @Nullable String digest,
            HttpServletRequest request)
            throws IOException {
        ArtifactInfo a = store.storeScreenshot(visitId, digest, request.getInputStream());
        return ResponseEntity.created(URI.create("/api/v1/artifacts/" + a.id())).body(ArtifactView.of(a));
    }

    @GetMapping(path = "/api/v1/visits/{visitId}/artifacts", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "The visit's artifacts, complete and incomplete (each decision audited with its id)")
    ArtifactList list(@PathVariable UUID visitId) {
        return new ArtifactList(
                store.list(visitId).stream().map(ArtifactView::of).toList());
    }

    @GetMapping(path = "/api/v1/artifacts/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "An artifact's description (no content)")
    ArtifactView info(@PathVariable String id) {
        return ArtifactView.of(store.info(id));
    }

    @GetMapping(path = "/api/v1/artifacts/{id}/content")
    @Operation(summary = "An artifact's content; one byte range with Range (206), 416 range-not-satisfiable")
    ResponseEntity<StreamingResponseBody> content(
            @PathVariable String id,
            @RequestHeader(name = HttpHeaders.RANGE, required = false) @Nullable String range) {
        ArtifactInfo a = store.readable(id, range != null);
        long size = a.declaredSize();
        RangeHeader r = RangeHeader.parse(range, size);
        long offset = r == null ? 0 : r.offset();
        long length = r == null ? size : r.length();
        ResponseEntity.BodyBuilder answer = ResponseEntity.status(
                        r == null ? HttpStatus.OK : HttpStatus.PARTIAL_CONTENT)
                .contentType(MediaType.parseMediaType(a.contentType()))
                .contentLength(length)
                .cacheControl(CacheControl.noStore())
                .header(HttpHeaders.ACCEPT_RANGES, "bytes")
                .header(HttpHeaders.CONTENT_DISPOSITION, "inline");
        if (r != null) {
            answer.header(HttpHeaders.CONTENT_RANGE, "bytes " + offset + "-" + (offset + length - 1) + "/" + size);
        }
        InputStream in = store.content(a, offset, length);
        StreamingResponseBody body = out -> copy(in, out);
        return answer.body(body);
    }

    @PostMapping(path = "/api/v1/visits/{visitId}/consents", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(
            summary = "Record the patient's telehealth or recording consent answer, as given in the call"
                    + " (attested by the clinician); WITHDRAWN stops a running recording")
    ResponseEntity<ConsentView> consent(@PathVariable UUID visitId, @Valid @RequestBody NewConsent body) {
        ConsentRecord c = consents.record(visitId, body.kind(), body.answer());
        return ResponseEntity.status(HttpStatus.CREATED).body(ConsentView.of(c));
    }

    @GetMapping(path = "/api/v1/visits/{visitId}/consents", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(
            summary = "The visit's consent decisions and the current answer of each kind (the recorder polls"
                    + " it and stops when recordingAllowed turns false)")
    ConsentList consents(@PathVariable UUID visitId) {
        List<ConsentRecord> all = consents.ofVisit(visitId);
        String telehealth = current(all, ConsentKind.TELEHEALTH);
        String recording = current(all, ConsentKind.RECORDING);
        return new ConsentList(
                all.stream().map(ConsentView::of).toList(),
                telehealth,
                recording,
                ConsentAnswer.GIVEN.name().equals(recording));
    }

    private static @Nullable String current(List<ConsentRecord> all, ConsentKind kind) {
        String answer = null;
        for (ConsentRecord c : all) {
            if (c.kind() == kind) {
                answer = c.answer().name();
            }
        }
        return answer;
    }

    private static void copy(InputStream in, OutputStream out) throws IOException {
        try (in) {
            in.transferTo(out);
        }
    }
}
