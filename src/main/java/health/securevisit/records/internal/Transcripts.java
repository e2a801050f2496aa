package health.securevisit.records.internal;

import health.securevisit.access.Intent;
import health.securevisit.audit.AuditEvent;
import health.securevisit.audit.AuditTrail;
import health.securevisit.audit.Outcome;
import health.securevisit.audit.PurposeOfUse;
import health.securevisit.identity.WorkforcePrincipal;
import health.securevisit.keys.ArtifactVault;
import health.securevisit.platform.SecureVisitException.Kind;
import health.securevisit.records.ArtifactInfo;
import health.securevisit.records.ArtifactKind;
import health.securevisit.records.ArtifactState;
import health.securevisit.records.RecordsException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Transcripts of recordings: a worker makes an automatic draft (WebVTT labelled "automatic draft, not
 * verified") from a complete recording with offline speech recognition; the clinician corrects it and
 * signs it. Every version is its own immutable artifact (kind TRANSCRIPT) pointing at the version it
 * corrects ({@code sourceId}; a draft points at its recording), so the draft and every correction are
 * kept. Only the newest version of a transcript can be corrected, and a signed version ends the chain:
 * its signer and time are recorded on the artifact and in the audit trail, and it cannot be corrected.
 *
 * <p>Security guarantees: requesting, correcting and signing are decided by the access decision point
 * as visit records with the artifact's id (and audited there); the worker decrypts the recording only
 * into the decoder's standard input ({@link Transcriber}) and stores the draft through the artifact
 * vault; its outcome is audited with the draft's id; nothing about the content is logged.
 */
@Component
public class Transcripts {

    static final String REQUEST = "records.transcript.request";
    static final String CORRECT = "records.transcript.correct";

    private static final Logger log = LoggerFactory.getLogger(Transcripts.class);

    private final RecordsAccess access;
    private final ArtifactStore store;
    private final ArtifactRows rows;
    private final ArtifactVault vault;
    private final Transcriber transcriber;
    private final TranscriptionSettings settings;
    private final AuditTrail trail;
    private final Clock clock;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(
            Thread.ofPlatform().name("records-transcriber").daemon().factory());

    Transcripts(
            RecordsAccess access,
            ArtifactStore store,
            ArtifactRows rows,
            ArtifactVault vault,
            Transcriber transcriber,
            TranscriptionSettings settings,
            AuditTrail trail,
            Clock clock) {
        this.access = access;
        this.store = store;
        this.rows = rows;
        this.vault = vault;
        this.transcriber = transcriber;
        this.settings = settings;
        this.trail = trail;
        this.clock = clock;
    }

    /**
     * Queues an automatic transcription of a complete recording; the answer is the draft, INCOMPLETE
     * until the worker stored it (then COMPLETE), or DISCARDED when recognition failed.
     */
    public ArtifactInfo request(String recordingId) {
        RecordsAccess.Authorized auth = access.artifact(recordingId, REQUEST, Intent.CHANGE);
        ArtifactInfo recording = auth.artifact();
        if (recording.kind() != ArtifactKind.RECORDING) {
            throw RecordsException.of(Kind.CONFLICT, "not-a-recording", "Only a recording can be transcribed.");
        }
        if (recording.state() != ArtifactState.COMPLETE) {
            throw RecordsException.of(
                    Kind.CONFLICT, RecordsException.NOT_AVAILABLE, "The recording is not complete (or was deleted).");
        }
        ArtifactInfo pending = store.pendingTranscript(
                auth.visit(), recording.id(), access.principal().id());
        worker.execute(() -> transcribe(recording, pending));
        return pending;
    }

    private void transcribe(ArtifactInfo recording, ArtifactInfo pending) {
        try {
            InputStream media = new ChunkedContent(vault, rows.chunks(recording.id()), 0, recording.storedSize());
            List<WebVtt.Word> words = transcriber.transcribe(media);
            String vtt = WebVtt.draft(words, recording.id(), transcriber.engine());
            store.finishTranscript(pending, vtt.getBytes(StandardCharsets.UTF_8));
            audit(pending, Outcome.SUCCESS, "words=" + words.size());
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            // The exception's class only: its message could carry a path or a process's words.
            log.warn(
                    "transcription of artifact {} failed: {}",
                    pending.id(),
                    e.getClass().getSimpleName());
            store.abandon(pending);
            audit(pending, Outcome.ERROR, "recognition-failed");
        }
    }

    private void audit(ArtifactInfo draft, Outcome outcome, String reason) {
        trail.record(AuditEvent.builder("records.transcript.draft", outcome, PurposeOfUse.TREATMENT)
                .actor("system:records-transcriber", "SYSTEM")
                .resource("artifact", draft.id())
                .patient(draft.patientId().toString())
                .visit(draft.visitId().toString())
                .reason(reason)
                .build());
    }

    /**
     * Stores the clinician's corrected version of transcript {@code transcriptId} (its newest version,
     * not signed); with {@code sign}, the new version is signed by the clinician and can no longer be
     * corrected.
     */
    public ArtifactInfo correct(String transcriptId, String vtt, boolean sign) {
        RecordsAccess.Authorized auth = access.artifact(transcriptId, CORRECT, Intent.CHANGE);
        ArtifactInfo source = auth.artifact();
        if (source.kind() != ArtifactKind.TRANSCRIPT) {
            throw RecordsException.of(Kind.CONFLICT, "not-a-transcript", "Only a transcript can be corrected.");
        }
        if (source.state() != ArtifactState.COMPLETE) {
            throw RecordsException.of(
                    Kind.CONFLICT, RecordsException.NOT_AVAILABLE, "The transcript is not complete (or was deleted).");
        }
        if (source.signedBy() != null) {
            throw RecordsException.of(
                    Kind.CONFLICT, "transcript-signed", "This version is signed: a signed transcript is not changed.");
        }
        if (!rows.transcriptsFrom(source.id()).isEmpty()) {
            throw RecordsException.of(
                    Kind.CONFLICT,
                    "transcript-superseded",
                    "This version was corrected already: correct its newest version.");
        }
        if (vtt.length() > settings.maxTranscriptSize().toBytes()) {
            throw RecordsException.invalid("The transcript is larger than "
                    + settings.maxTranscriptSize().toBytes() + " bytes.");
        }
        WorkforcePrincipal p = access.principal();
        byte[] version = WebVtt.corrected(vtt, source.id(), p.id(), clock.instant(), sign);
        ArtifactInfo stored = store.storeTranscript(auth.visit(), source.id(), version, p.id(), sign);
        if (sign) {
            trail.record(AuditEvent.builder("records.transcript.signed", Outcome.SUCCESS, PurposeOfUse.TREATMENT)
                    .actor(p.id().toString(), "CLINICIAN")
                    .session(p.sessionRef(), p.authMethod())
                    .resource("artifact", stored.id())
                    .patient(stored.patientId().toString())
                    .visit(stored.visitId().toString())
                    .reason("sha256=" + stored.sha256())
                    .build());
        }
        return stored;
    }

    @jakarta.annotation.PreDestroy
    void stop() {
        worker.shutdownNow();
    }
}
