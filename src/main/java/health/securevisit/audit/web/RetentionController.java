package health.securevisit.audit.web;

import health.securevisit.audit.internal.LegalHolds;
import health.securevisit.audit.internal.Retention;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Retention status and legal holds; security officers place and release holds, auditors read. */
@RestController
@RequestMapping("/api/v1/audit")
@Tag(name = "audit")
class RetentionController {

    /** A new hold: on a patient (their entries) or an incident (the whole trail); reason is a code. */
    record PlaceHold(
            @NotNull LegalHolds.Scope scope,
            @NotNull @Pattern(regexp = AuditController.ID) String subjectId,

            @NotNull @Pattern(regexp = "[a-z0-9][a-z0-9._:-]{0,127}")
            String reason) {}

    private final LegalHolds holds;
    private final Retention retention;
    private final Clock clock;

    RetentionController(LegalHolds holds, Retention retention, Clock clock) {
        this.clock = clock;
        this.holds = holds;
        this.retention = retention;
    }

    @GetMapping("/retention")
    @PreAuthorize("hasAnyRole('SECURITY_OFFICER','AUDITOR')")
    @Operation(summary = "Retention period and how many entries are past it, held, or eligible for archive")
    Views.RetentionStatus status() {
        return Views.RetentionStatus.of(retention.status(clock.instant()));
    }

    @GetMapping("/legal-holds")
    @PreAuthorize("hasAnyRole('SECURITY_OFFICER','AUDITOR')")
    @Operation(summary = "Active legal holds")
    List<Views.Hold> active() {
        return holds.active().stream().map(Views.Hold::of).toList();
    }

    @PostMapping("/legal-holds")
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize("hasRole('SECURITY_OFFICER')")
    @Operation(summary = "Place a legal hold: nothing it covers expires until it is released")
    Views.Hold place(@Valid @RequestBody PlaceHold body, Authentication auth, HttpServletRequest request) {
        return Views.Hold.of(holds.place(body.scope(), body.subjectId(), body.reason(), Requesters.of(auth, request)));
    }

    @PostMapping("/legal-holds/{id}/release")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @PreAuthorize("hasRole('SECURITY_OFFICER')")
    @Operation(summary = "Release a legal hold")
    void release(@PathVariable UUID id, Authentication auth, HttpServletRequest request) {
        holds.release(id, Requesters.of(auth, request));
    }
}
