package health.securevisit.compliance.web;

import health.securevisit.audit.Outcome;
import health.securevisit.compliance.ComplianceFailure;
import health.securevisit.compliance.internal.ComplianceAudit;
import health.securevisit.compliance.internal.ComplianceReport;
import health.securevisit.compliance.internal.ComplianceReports;
import health.securevisit.compliance.internal.ControlCatalog;
import health.securevisit.compliance.internal.EvidenceExport;
import health.securevisit.compliance.internal.ReportDocument;
import health.securevisit.compliance.internal.ReportView;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.Context;

/** The compliance report, the control catalog and the evidence bundle, for security officers and auditors. */
@RestController
@RequestMapping("/api/v1/compliance")
@PreAuthorize("hasAnyRole('SECURITY_OFFICER','AUDITOR')")
@Tag(name = "compliance", description = "Control catalog, status from live evidence, report, signed evidence bundle")
class ComplianceController {

    /** A catalog entry. */
    record ControlJson(
            String id, String framework, String citation, String requirement, String title, List<String> checks) {}

    private final ComplianceReports reports;
    private final ReportDocument document;
    private final EvidenceExport export;
    private final ComplianceAudit audit;
    private final ITemplateEngine templates;
    private final Clock clock;

    ComplianceController(
            ComplianceReports reports,
            ReportDocument document,
            EvidenceExport export,
            ComplianceAudit audit,
            ITemplateEngine templates,
            Clock clock) {
        this.reports = reports;
        this.document = document;
        this.export = export;
        this.audit = audit;
        this.templates = templates;
        this.clock = clock;
    }

    @GetMapping(
            path = "/report",
            produces = {MediaType.APPLICATION_JSON_VALUE, MediaType.TEXT_HTML_VALUE, MediaType.APPLICATION_PDF_VALUE})
    @Operation(
            summary = "Every control's status (pass, fail, no evidence) with the failing entities",
            description = "JSON by default; HTML or PDF by Accept header or format=html|pdf. Served from a cache"
                    + " (computedAt, ageSeconds, cached) for SECUREVISIT_COMPLIANCE_CACHE_TTL; refresh=true computes"
                    + " it now. Audited as compliance.report.read.")
    @ApiResponse(responseCode = "400", description = "format other than json, html or pdf (code unknown-format)")
    ResponseEntity<?> report(
            @RequestParam(defaultValue = "false") boolean refresh,
            @RequestParam(required = false) @Nullable String format,
            @RequestHeader(value = HttpHeaders.ACCEPT, required = false) @Nullable String accept) {
        String chosen = format(format, accept);
        ComplianceReports.Served served = reports.current(refresh);
        ReportView view = ReportView.of(served.report(), clock.instant(), served.cached());
        audit.record("compliance.report.read", Outcome.SUCCESS, chosen, null);
        return switch (chosen) {
            case "pdf" ->
                ResponseEntity.ok()
                        .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"compliance-report.pdf\"")
                        .contentType(MediaType.APPLICATION_PDF)
                        .body(document.pdf(view));
            case "html" -> {
                Context context = new Context(Locale.ROOT);
                context.setVariables(ReportDocument.model(view, "/css/securevisit.css"));
                yield ResponseEntity.ok()
                        .contentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8))
                        .body(templates.process(ReportDocument.TEMPLATE, context));
            }
            default ->
                ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(view);
        };
    }

    @GetMapping(path = "/controls", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "The control catalog of the active profile, each control with the check ids it links to")
    List<ControlJson> controls() {
        ControlCatalog catalog = reports.catalog();
        return catalog.controls().stream()
                .map(c -> new ControlJson(
                        c.id(),
                        c.framework().code(),
                        c.citation(),
                        catalog.effectiveRequirement(c),
                        c.title(),
                        c.checks()))
                .toList();
    }

    @GetMapping(path = "/controls/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(
            summary = "One control's status and evidence (from the cached report); audited as compliance.control.read")
    @ApiResponse(responseCode = "404", description = "No such control in the active profile (code unknown-control)")
    ComplianceReport.ControlResult control(@PathVariable String id) {
        try {
            reports.catalog().control(id);
        } catch (ComplianceFailure e) {
            audit.record("compliance.control.read", Outcome.DENIED, e.code(), null);
            throw e;
        }
        ComplianceReport.ControlResult result = reports.current(false).report().control(id);
        audit.record("compliance.control.read", Outcome.SUCCESS, null, id);
        return result;
    }

    @GetMapping(path = "/evidence-bundle", produces = "application/zip")
    @Operation(
            summary = "The signed evidence bundle (zip) of a report computed now",
            description = "The same bundle as `securevisit evidence export FILE`; check it offline with"
                    + " `securevisit evidence verify FILE --public-key KEY`. Audited as compliance.evidence.export.")
    ResponseEntity<byte[]> bundle() {
        byte[] zip = export.export().zip();
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"evidence-bundle.zip\"")
                .contentType(MediaType.valueOf("application/zip"))
                .body(zip);
    }

    private static String format(@Nullable String format, @Nullable String accept) {
        if (format != null) {
            return switch (format) {
                case "json", "html", "pdf" -> format;
                default -> throw ComplianceFailure.unknownFormat();
            };
        }
        if (accept != null && accept.contains(MediaType.APPLICATION_PDF_VALUE)) {
            return "pdf";
        }
        if (accept != null && accept.contains(MediaType.TEXT_HTML_VALUE)) {
            return "html";
        }
        return "json";
    }
}
