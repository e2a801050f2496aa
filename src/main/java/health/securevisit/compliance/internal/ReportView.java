package health.securevisit.compliance.internal;

import health.securevisit.compliance.internal.ComplianceReport.ControlResult;
import health.securevisit.compliance.internal.ComplianceReport.Summary;
import health.securevisit.platform.EvidenceSource.Evidence;
import java.time.Instant;
import java.util.List;

/**
 * The report as the API, the page, the PDF and the bundle show it: the computed report with its age
 * when served ({@code cached} is true when it was computed for an earlier request).
 */
public record ReportView(
        Instant computedAt,
        long ageSeconds,
        boolean cached,
        long computeMillis,
        String profile,
        Summary summary,
        List<ControlResult> controls,
        List<Evidence> checks,
        List<String> sourceErrors) {

    public static ReportView of(ComplianceReport report, Instant now, boolean cached) {
        return new ReportView(
                report.computedAt(),
                report.age(now).toSeconds(),
                cached,
                report.computeMillis(),
                report.nprm2025() ? "hipaa-security-rule+nprm-2025" : "hipaa-security-rule",
                report.summary(),
                report.controls(),
                report.checks(),
                report.sourceErrors());
    }
}
