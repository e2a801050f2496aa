package health.securevisit.audit.web;

import health.securevisit.audit.Outcome;
import health.securevisit.audit.internal.AuditProofs;
import health.securevisit.audit.internal.AuditSearch;
import health.securevisit.audit.internal.Checkpoints;
import health.securevisit.audit.internal.EntryView;
import health.securevisit.audit.internal.ExportCursors;
import health.securevisit.audit.internal.StoredEntry;
import health.securevisit.audit.internal.TrailVerification;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;

/**
 * The auditor console (server-rendered, no scripts, no inline styles): search the trail, open an
 * entry with its inclusion proof, and see the latest checkpoint, the last verification and the
 * export sinks. Searches and entry views are audited like the API's.
 */
@Controller
@RequestMapping("/console/audit")
@PreAuthorize("hasAnyRole('SECURITY_OFFICER','AUDITOR')")
class AuditConsoleController {

    private final AuditSearch search;
    private final AuditProofs proofs;
    private final TrailVerification verification;
    private final ExportCursors exports;

    AuditConsoleController(
            AuditSearch search, AuditProofs proofs, TrailVerification verification, ExportCursors exports) {
        this.search = search;
        this.proofs = proofs;
        this.verification = verification;
        this.exports = exports;
    }

    @GetMapping
    String search(
            @Valid @ModelAttribute("q") EventQuery q, Authentication auth, HttpServletRequest request, Model model) {
        AuditSearch.Page page = search.search(q.toQuery(), Requesters.of(auth, request));
        model.addAttribute("events", page.entries().stream().map(EntryView::of).toList());
        model.addAttribute("page", page);
        model.addAttribute("outcomes", Outcome.values());
        status(model);
        return "audit/console";
    }

    @GetMapping("/events/{seq}")
    String entry(@PathVariable @Min(0) long seq, Authentication auth, HttpServletRequest request, Model model) {
        StoredEntry entry = search.read(seq, Requesters.of(auth, request));
        Checkpoints.Stored cp = proofs.latestCheckpointOrNull();
        model.addAttribute("entry", EntryView.of(entry));
        model.addAttribute("canonical", Views.b64(entry.canonical()));
        model.addAttribute(
                "proof",
                cp == null || cp.treeSize() <= seq ? null : Views.Inclusion.of(proofs.inclusion(seq, cp.treeSize())));
        status(model);
        return "audit/entry";
    }

    private void status(Model model) {
        Checkpoints.Stored cp = proofs.latestCheckpointOrNull();
        model.addAttribute("checkpoint", cp == null ? null : AuditController.checkpointView(cp));
        model.addAttribute(
                "verification",
                verification.latest().map(Views.Verification::of).orElse(null));
        model.addAttribute("exports", exports.all());
    }
}
