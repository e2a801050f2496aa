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
import health.securevisit.records.ConsentAnswer;
import health.securevisit.records.ConsentKind;
import health.securevisit.records.RecordsException;
import health.securevisit.records.VisitArtifacts;
import health.securevisit.visit.VisitRecordFacts;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Artifacts of a visit: resumable chunked uploads (recordings), one-shot artifacts (screenshots, chat
 * exports, transcripts), completion with the whole-file digest, discarding, and reading ranges.
 *
 * <p>How bytes are held: every chunk is streamed from the request straight into its own artifact
 * vault object (AES-256-GCM-HKDF streaming encryption, a data key per chunk, scope {@code
 * patient:<id>}), while its SHA-256 is computed on the way. A chunk that fails any check (size, digest,
 * content type, order) is shredded before the answer, so nothing half-stored remains; the artifact
 * row counts only chunks that passed. Plaintext is never written to disk.
 */
@Component
public class ArtifactStore implements VisitArtifacts {

    static final String START = "records.recording.start";
    static final String CHUNK = "records.recording.chunk";
    static final String COMPLETE = "records.recording.complete";
    static final String DISCARD = "records.recording.discard";
    static final String STORE = "records.artifact.store";
    static final String READ = "records.artifact.read";
    static final String DOWNLOAD = "records.artifact.download";
    static final String RANGE = "records.artifact.range";
    static final String LIST = "records.artifact.list";

    private final RecordsAccess access;
    private final ArtifactRows rows;
    private final ConsentRows consents;
    private final ArtifactVault vault;
    private final AuditTrail trail;
    private final RecordsSettings settings;
    private final Clock clock;
    private final TransactionTemplate tx;

    ArtifactStore(
            RecordsAccess access,
            ArtifactRows rows,
            ConsentRows consents,
            ArtifactVault vault,
            AuditTrail trail,
            RecordsSettings settings,
            Clock clock,
            TransactionTemplate tx) {
        this.access = access;
        this.rows = rows;
        this.consents = consents;
        this.vault = vault;
        this.trail = trail;
        this.settings = settings;
        this.clock = clock;
        this.tx = tx;
    }

    /** Declares a recording upload: its content type, total size and SHA-256. */
    public ArtifactInfo startRecording(UUID visitId, String contentType, long size, String sha256) {
        VisitRecordFacts visit = access.visit(visitId, START, Intent.CHANGE, "recording");
        if (visit.ended()) {
            throw RecordsException.visitEnded();
        }
        requireRecordingConsent(visitId);
        String type = MediaTypes.requireRecording(contentType);
        if (size <= 0 || size > settings.maxRecordingSize().toBytes()) {
            throw RecordsException.invalid("'size' must be between 1 and "
                    + settings.maxRecordingSize().toBytes() + " bytes.");
        }
        ArtifactInfo info = newArtifact(visit, ArtifactKind.RECORDING, type, size, Digests.requireHex(sha256));
        rows.insert(info, access.principal().id());
        return info;
    }

    /** Stores chunk {@code number} of an incomplete recording, read from {@code body}. */
    public ArtifactInfo putChunk(
            String artifactId, int number, @org.jspecify.annotations.Nullable String contentDigest, InputStream body) {
        RecordsAccess.Authorized auth = access.artifact(artifactId, CHUNK, Intent.CHANGE);
        ArtifactInfo a = auth.artifact();
        if (a.state() != ArtifactState.INCOMPLETE) {
            throw RecordsException.of(Kind.CONFLICT, RecordsException.NOT_INCOMPLETE, "The upload is not open.");
        }
        if (auth.visit().ended()) {
            throw RecordsException.visitEnded();
        }
        if (a.kind() == ArtifactKind.RECORDING) {
            requireRecordingConsent(a.visitId());
        }
        String expected = Digests.fromContentDigest(contentDigest);
        if (number < 0) {
            throw RecordsException.invalid("Chunk numbers start at 0.");
        }
        if (number < a.chunks()) {
            throw RecordsException.of(
                    Kind.CONFLICT,
                    RecordsException.CHUNK_DUPLICATE,
                    "Chunk " + number + " is already stored; the next expected chunk is " + a.chunks() + ".");
        }
        if (number > a.chunks()) {
            throw RecordsException.of(
                    Kind.CONFLICT,
                    RecordsException.CHUNK_OUT_OF_ORDER,
                    "Chunks are stored in order; the next expected chunk is " + a.chunks() + ".");
        }
        long room = Math.min(settings.maxChunkSize().toBytes(), a.declaredSize() - a.storedSize());
        String vaultId =
                a.id() + "." + number + "." + UUID.randomUUID().toString().substring(0, 8);
        Stored stored = storeChunk(vaultId, a, number == 0, body, room);
        if (!stored.sha256().equals(expected)) {
            vault.delete(vaultId);
            throw RecordsException.of(
                    Kind.INVALID, RecordsException.CHUNK_DIGEST_MISMATCH, "The chunk's SHA-256 does not match.");
        }
        ArtifactRows.Chunk chunk =
                new ArtifactRows.Chunk(number, a.storedSize(), (int) stored.size(), expected, vaultId);
        Boolean added = tx.execute(s -> rows.addChunk(a.id(), chunk));
        if (!Boolean.TRUE.equals(added)) {
            vault.delete(vaultId);
            throw RecordsException.of(
                    Kind.CONFLICT, RecordsException.CHUNK_DUPLICATE, "Chunk " + number + " was stored meanwhile.");
        }
        return rows.find(a.id()).orElseThrow();
    }

    /** Completes an upload once every byte arrived and the whole-file SHA-256 matches the declared one. */
    public ArtifactInfo complete(String artifactId) {
        ArtifactInfo a = access.artifact(artifactId, COMPLETE, Intent.CHANGE).artifact();
        if (a.state() != ArtifactState.INCOMPLETE) {
            throw RecordsException.of(Kind.CONFLICT, RecordsException.NOT_INCOMPLETE, "The upload is not open.");
        }
        if (a.storedSize() != a.declaredSize()) {
            throw RecordsException.of(
                    Kind.CONFLICT,
                    RecordsException.UPLOAD_INCOMPLETE,
                    "The upload holds " + a.storedSize() + " of " + a.declaredSize() + " bytes; the next chunk is "
                            + a.chunks() + ".");
        }
        String actual;
        try (InputStream in = new ChunkedContent(vault, rows.chunks(a.id()), 0, a.storedSize())) {
            actual = Digests.sha256(in);
        } catch (IOException e) {
            throw new UncheckedIOException("reading artifact " + a.id() + " failed", e);
        }
        if (!actual.equals(a.sha256())) {
            throw RecordsException.of(
                    Kind.CONFLICT,
                    RecordsException.DIGEST_MISMATCH,
                    "The recording's SHA-256 does not match the declared one; discard it and upload again.");
        }
        if (!rows.move(a.id(), ArtifactState.INCOMPLETE, ArtifactState.COMPLETE, clock.instant())) {
            throw RecordsException.of(Kind.CONFLICT, RecordsException.NOT_INCOMPLETE, "The upload is not open.");
        }
        lifecycle("records.artifact.completed", a);
        return rows.find(a.id()).orElseThrow();
    }

    /** Gives up an incomplete upload: its chunks' keys are destroyed. */
    public void discard(String artifactId) {
        ArtifactInfo a = access.artifact(artifactId, DISCARD, Intent.CHANGE).artifact();
        if (a.state() != ArtifactState.INCOMPLETE) {
            throw RecordsException.of(
                    Kind.CONFLICT, RecordsException.NOT_INCOMPLETE, "Only an incomplete upload can be discarded.");
        }
        if (!rows.move(a.id(), ArtifactState.INCOMPLETE, ArtifactState.DISCARDED, clock.instant())) {
            throw RecordsException.of(Kind.CONFLICT, RecordsException.NOT_INCOMPLETE, "The upload is not open.");
        }
        shredChunks(a);
        lifecycle("records.artifact.discarded", a);
    }

    /** A screenshot: PNG only (checked by its signature), with its SHA-256. */
    public ArtifactInfo storeScreenshot(
            UUID visitId, @org.jspecify.annotations.Nullable String contentDigest, InputStream body) {
        VisitRecordFacts visit = access.visit(visitId, "records.screenshot.store", Intent.CHANGE, "screenshot");
        if (visit.ended()) {
            throw RecordsException.visitEnded();
        }
        return storeWhole(
                visit,
                ArtifactKind.SCREENSHOT,
                MediaTypes.PNG,
                body,
                settings.maxScreenshotSize().toBytes(),
                Digests.fromContentDigest(contentDigest));
    }

    @Override
    public ArtifactInfo store(UUID visitId, ArtifactKind kind, String contentType, InputStream content) {
        VisitRecordFacts visit =
                access.visit(visitId, STORE, Intent.CHANGE, kind.name().toLowerCase(java.util.Locale.ROOT));
        return storeWhole(visit, kind, MediaTypes.require(kind, contentType), content, Long.MAX_VALUE, null);
    }

    /** Who stored what the server produced by itself ({@code created_by}): no workforce account. */
    static final UUID SERVER = new UUID(0, 0);

    @Override
    public ArtifactInfo storeFromServer(
            UUID visitId, ArtifactKind kind, String contentType, InputStream content, String producer) {
        if (!producer.matches("[a-z][a-z0-9-]{0,40}")) {
            throw new IllegalArgumentException("producer must be a short lower-case name");
        }
        VisitRecordFacts visit = access.find(visitId).orElseThrow(RecordsException::visitNotFound);
        ArtifactInfo stored = storeWhole(
                visit, kind, MediaTypes.require(kind, contentType), content, Long.MAX_VALUE, null, null, SERVER);
        trail.record(AuditEvent.builder("records.artifact.completed", Outcome.SUCCESS, PurposeOfUse.TREATMENT)
                .actor("system:" + producer, "SYSTEM")
                .resource("artifact", stored.id())
                .patient(stored.patientId().toString())
                .visit(stored.visitId().toString())
                .build());
        return stored;
    }

    /** Stores a transcript version made by the worker or signed by a clinician (access decided by the caller). */
    ArtifactInfo storeTranscript(VisitRecordFacts visit, String sourceId, byte[] vtt, UUID createdBy, boolean signed) {
        ArtifactInfo info = storeWhole(
                visit,
                ArtifactKind.TRANSCRIPT,
                MediaTypes.VTT,
                new java.io.ByteArrayInputStream(vtt),
                Long.MAX_VALUE,
                null,
                sourceId,
                createdBy);
        if (signed) {
            rows.sign(info.id(), createdBy, clock.instant());
        }
        return rows.find(info.id()).orElseThrow();
    }

    /** A transcript draft the worker is about to make from {@code recordingId}: INCOMPLETE until it is stored. */
    ArtifactInfo pendingTranscript(VisitRecordFacts visit, String recordingId, UUID requestedBy) {
        ArtifactInfo info = newArtifact(visit, ArtifactKind.TRANSCRIPT, MediaTypes.VTT, 0, "", recordingId);
        rows.insert(info, requestedBy);
        return info;
    }

    /** Stores the worker's draft into the vault and completes {@code pending} (no principal: the worker's). */
    ArtifactInfo finishTranscript(ArtifactInfo pending, byte[] vtt) {
        String vaultId = pending.id() + ".0.whole";
        Stored stored = storeChunk(vaultId, pending, true, new java.io.ByteArrayInputStream(vtt), Long.MAX_VALUE);
        ArtifactRows.Chunk chunk = new ArtifactRows.Chunk(0, 0, (int) stored.size(), stored.sha256(), vaultId);
        Boolean done = tx.execute(s -> {
            boolean ok = rows.declare(pending.id(), stored.size(), stored.sha256())
                    && rows.addChunk(pending.id(), chunk)
                    && rows.move(pending.id(), ArtifactState.INCOMPLETE, ArtifactState.COMPLETE, clock.instant());
            if (!ok) {
                s.setRollbackOnly();
            }
            return ok;
        });
        if (!Boolean.TRUE.equals(done)) {
            vault.delete(vaultId);
            throw RecordsException.of(Kind.CONFLICT, RecordsException.NOT_INCOMPLETE, "The transcript is not open.");
        }
        return rows.find(pending.id()).orElseThrow();
    }

    /** Gives up a draft the worker could not make. */
    void abandon(ArtifactInfo pending) {
        rows.move(pending.id(), ArtifactState.INCOMPLETE, ArtifactState.DISCARDED, clock.instant());
    }

    private ArtifactInfo storeWhole(
            VisitRecordFacts visit, ArtifactKind kind, String contentType, InputStream body, long max, String claimed) {
        return storeWhole(
                visit,
                kind,
                contentType,
                body,
                max,
                claimed,
                null,
                access.principal().id());
    }

    private ArtifactInfo storeWhole(
            VisitRecordFacts visit,
            ArtifactKind kind,
            String contentType,
            InputStream body,
            long max,
            @org.jspecify.annotations.Nullable String claimed,
            @org.jspecify.annotations.Nullable String sourceId,
            UUID createdBy) {
        String id = UUID.randomUUID().toString();
        String vaultId = id + ".0.whole";
        ArtifactInfo draft = newArtifact(visit, kind, contentType, 0, "", sourceId);
        Stored stored = storeChunk(vaultId, draft, true, body, max);
        if (claimed != null && !stored.sha256().equals(claimed)) {
            vault.delete(vaultId);
            throw RecordsException.of(
                    Kind.INVALID, RecordsException.CHUNK_DIGEST_MISMATCH, "The SHA-256 does not match.");
        }
        Instant now = clock.instant();
        ArtifactInfo info = new ArtifactInfo(
                id,
                visit.facts().visitId(),
                visit.facts().patientId(),
                kind,
                contentType,
                ArtifactState.COMPLETE,
                stored.size(),
                stored.sha256(),
                0,
                0,
                sourceId,
                null,
                now,
                now,
                draft.retainUntil());
        tx.executeWithoutResult(s -> {
            rows.insert(
                    new ArtifactInfo(
                            id,
                            info.visitId(),
                            info.patientId(),
                            kind,
                            contentType,
                            ArtifactState.INCOMPLETE,
                            stored.size(),
                            stored.sha256(),
                            0,
                            0,
                            sourceId,
                            null,
                            now,
                            null,
                            draft.retainUntil()),
                    createdBy);
            rows.addChunk(id, new ArtifactRows.Chunk(0, 0, (int) stored.size(), stored.sha256(), vaultId));
            rows.move(id, ArtifactState.INCOMPLETE, ArtifactState.COMPLETE, now);
        });
        if (!SERVER.equals(createdBy)) {
            lifecycle("records.artifact.completed", info);
        }
        return rows.find(id).orElseThrow();
    }

    private ArtifactInfo newArtifact(
            VisitRecordFacts visit, ArtifactKind kind, String contentType, long size, String sha256) {
        return newArtifact(visit, kind, contentType, size, sha256, null);
    }

    private ArtifactInfo newArtifact(
            VisitRecordFacts visit,
            ArtifactKind kind,
            String contentType,
            long size,
            String sha256,
            @org.jspecify.annotations.Nullable String sourceId) {
        Instant retainUntil = visit.facts()
                .start()
                .atOffset(ZoneOffset.UTC)
                .plus(settings.retention(kind))
                .toInstant();
        return new ArtifactInfo(
                UUID.randomUUID().toString(),
                visit.facts().visitId(),
                visit.facts().patientId(),
                kind,
                contentType,
                ArtifactState.INCOMPLETE,
                size,
                sha256,
                0,
                0,
                sourceId,
                null,
                clock.instant(),
                null,
                retainUntil);
    }

    /** The bytes of a chunk streamed into the vault, checked on the way; nothing remains when a check fails. */
    private Stored storeChunk(String vaultId, ArtifactInfo a, boolean first, InputStream body, long max) {
        CheckedInput in = new CheckedInput(body, max, first ? MediaTypes.signature(a.contentType()) : null);
        try {
            vault.put(vaultId, "patient:" + a.patientId(), in);
        } catch (UncheckedIOException e) {
            if (e.getCause() instanceof CheckedInput.Refused refused) {
                throw refused.failure();
            }
            throw e;
        }
        if (in.count() == 0) {
            vault.delete(vaultId);
            throw RecordsException.invalid("The body is empty.");
        }
        return new Stored(in.count(), in.sha256());
    }

    void shredChunks(ArtifactInfo a) {
        for (ArtifactRows.Chunk c : rows.chunks(a.id())) {
            try {
                vault.delete(c.vaultId());
            } catch (health.securevisit.keys.UnknownArtifactException alreadyGone) {
                // destroyed before (a patient's scope shredded): nothing left to do
            }
        }
    }

    private void requireRecordingConsent(UUID visitId) {
        boolean given = consents.current(visitId, ConsentKind.RECORDING)
                .map(c -> c.answer() == ConsentAnswer.GIVEN)
                .orElse(false);
        if (!given) {
            throw RecordsException.consentRequired();
        }
    }

    /** Audits a change of an artifact's state (the access itself was audited by the decision point). */
    private void lifecycle(String action, ArtifactInfo a) {
        WorkforcePrincipal p = access.principal();
        trail.record(AuditEvent.builder(action, Outcome.SUCCESS, PurposeOfUse.TREATMENT)
                .actor(p.id().toString(), "CLINICIAN")
                .session(p.sessionRef(), p.authMethod())
                .resource("artifact", a.id())
                .patient(a.patientId().toString())
                .visit(a.visitId().toString())
                .build());
    }

    /** An artifact's description, once reading it was allowed. */
    public ArtifactInfo info(String artifactId) {
        return access.artifact(artifactId, READ, Intent.READ).artifact();
    }

    /** The visit's incomplete and complete artifacts; each one is decided (and audited) with its id. */
    public List<ArtifactInfo> list(UUID visitId) {
        VisitRecordFacts visit = access.visit(visitId, LIST, Intent.READ, "artifact-list");
        return rows.ofVisit(visitId, false).stream()
                .filter(a -> access.listed(a, visit, LIST))
                .toList();
    }

    /**
     * A complete artifact, once downloading it ({@code ranged}: a range of it) was allowed: the
     * decision is audited with the artifact's id before any byte is read.
     */
    public ArtifactInfo readable(String artifactId, boolean ranged) {
        ArtifactInfo a = access.artifact(artifactId, ranged ? RANGE : DOWNLOAD, Intent.READ)
                .artifact();
        if (a.state() != ArtifactState.COMPLETE) {
            throw RecordsException.of(
                    Kind.CONFLICT, RecordsException.NOT_AVAILABLE, "The artifact is not complete (or was deleted).");
        }
        return a;
    }

    /** The plaintext of [offset, offset + length) of a complete artifact. */
    public InputStream content(ArtifactInfo a, long offset, long length) {
        return new ChunkedContent(vault, rows.chunks(a.id()), offset, length);
    }

    record Stored(long size, String sha256) {}

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
