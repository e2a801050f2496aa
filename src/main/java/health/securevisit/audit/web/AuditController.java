package health.securevisit.audit.web;

import health.securevisit.audit.internal.AuditProofs;
import health.securevisit.audit.internal.AuditSearch;
import health.securevisit.audit.internal.Checkpoints;
import health.securevisit.audit.internal.EntryView;
import health.securevisit.audit.internal.ExportCursors;
import health.securevisit.audit.internal.FhirAuditEvents;
import health.securevisit.audit.internal.StoredEntry;
import health.securevisit.audit.internal.TrailVerification;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The audit trail for security officers and auditors: queries (each one audited before its results
 * are returned), entries with their inclusion proofs, checkpoints, proofs and the checkpoint key.
 */
@RestController
@RequestMapping("/api/v1/audit")
@PreAuthorize("hasAnyRole('SECURITY_OFFICER','AUDITOR')")
@Tag(name = "audit", description = "Tamper-evident audit trail")
class AuditController {

    static final String ID = "[\\x21-\\x7e]{1,128}";

    private final AuditSearch search;
    private final AuditProofs proofs;
    private final TrailVerification verification;
    private final ExportCursors exports;

    AuditController(AuditSearch search, AuditProofs proofs, TrailVerification verification, ExportCursors exports) {
        this.search = search;
        this.proofs = proofs;
        this.verification = verification;
        this.exports = exports;
    }

    @GetMapping("/events")
    @Operation(summary = "Search the trail (accounting of disclosures); the search itself is audited")
    Views.EventPage events(@Valid @ModelAttribute EventQuery q, Authentication auth, HttpServletRequest request) {
        AuditSearch.Page result = search.search(q.toQuery(), Requesters.of(auth, request));
        return new Views.EventPage(
                result.entries().stream().map(EntryView::of).toList(),
                result.page(),
                result.size(),
                result.hasNext(),
                result.before());
    }

    @GetMapping("/events/{seq}")
    @Operation(summary = "One entry with its canonical encoding and its inclusion proof in the latest checkpoint")
    Views.EntryDetail entry(@PathVariable @Min(0) long seq, Authentication auth, HttpServletRequest request) {
        StoredEntry entry = search.read(seq, Requesters.of(auth, request));
        Checkpoints.Stored cp = proofs.latestCheckpointOrNull();
        Views.Inclusion proof =
                cp == null || cp.treeSize() <= seq ? null : Views.Inclusion.of(proofs.inclusion(seq, cp.treeSize()));
        return new Views.EntryDetail(
                EntryView.of(entry), Views.b64(entry.canonical()), cp == null ? null : checkpointView(cp), proof);
    }

    @GetMapping(value = "/events/{seq}/fhir", produces = "application/fhir+json")
    @Operation(summary = "One entry as an HL7 FHIR R4 AuditEvent (IHE BALP)")
    ResponseEntity<String> fhir(@PathVariable @Min(0) long seq, Authentication auth, HttpServletRequest request) {
        StoredEntry entry = search.read(seq, Requesters.of(auth, request));
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType("application/fhir+json"))
                .body(FhirAuditEvents.json(entry));
    }

    @GetMapping("/checkpoint")
    @Operation(summary = "The latest signed checkpoint (C2SP tlog-checkpoint signed note)")
    Views.Checkpoint checkpoint() {
        return checkpointView(proofs.latestCheckpoint());
    }

    @GetMapping("/proofs/inclusion")
    @Operation(summary = "RFC 6962 inclusion proof of entry index in the tree of treeSize entries")
    Views.Inclusion inclusion(@RequestParam long index, @RequestParam long treeSize) {
        return Views.Inclusion.of(proofs.inclusion(index, treeSize));
    }

    @GetMapping("/proofs/consistency")
    @Operation(summary = "RFC 6962 consistency proof from the tree of size from to the tree of size to")
    Views.Consistency consistency(@RequestParam long from, @RequestParam long to) {
        return Views.Consistency.of(proofs.consistency(from, to));
    }

    @GetMapping("/public-key")
    @Operation(summary = "The Ed25519 key that signs checkpoints (PEM and note verifier key)")
    AuditProofs.PublicKey publicKey() {
        return proofs.publicKey();
    }

    @PostMapping("/verifications")
    @Operation(summary = "Verify the whole trail now (as audit verify does) and keep the result")
    Views.Verification verifyNow() {
        return Views.Verification.of(verification.runNow());
    }

    @GetMapping("/verifications/latest")
    @Operation(summary = "The last verification result")
    Views.Verification lastVerification() {
        return verification.latest().map(Views.Verification::of).orElseThrow(NoVerification::new);
    }

    @GetMapping("/exports")
    @Operation(summary = "Export sinks: the next entry each will deliver, and their consecutive failures")
    List<ExportCursors.Cursor> exports() {
        return exports.all();
    }

    static Views.Checkpoint checkpointView(Checkpoints.Stored cp) {
        return new Views.Checkpoint(cp.treeSize(), Views.b64(cp.root()), cp.note(), cp.signedAt());
    }

    /** No verification has run yet. */
    static final class NoVerification extends health.securevisit.platform.SecureVisitException {
        NoVerification() {
            super(Kind.NOT_FOUND, "no-verification", "The trail has not been verified yet.");
        }
    }
}
