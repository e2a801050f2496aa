package health.securevisit.compliance.internal;

import health.securevisit.audit.AuditCheckpoints;
import health.securevisit.audit.Outcome;
import health.securevisit.keys.CheckpointSigner;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Builds the signed evidence bundle from a freshly computed report (never a cached one: the bundle
 * is what an auditor keeps), audited as {@code compliance.evidence.export}.
 */
@Component
public class EvidenceExport {

    static final JsonMapper JSON = JsonMapper.builder().build();

    private final ComplianceReports reports;
    private final AuditCheckpoints checkpoints;
    private final CheckpointSigner signer;
    private final ComplianceAudit audit;
    private final Clock clock;

    EvidenceExport(
            ComplianceReports reports,
            AuditCheckpoints checkpoints,
            CheckpointSigner signer,
            ComplianceAudit audit,
            Clock clock) {
        this.reports = reports;
        this.checkpoints = checkpoints;
        this.signer = signer;
        this.audit = audit;
        this.clock = clock;
    }

    /** A bundle: its bytes and the report it carries. */
    public record Bundle(byte[] zip, ComplianceReport report) {}

    public Bundle export() {
        ComplianceReport report = reports.current(true).report();
        Instant now = clock.instant();
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put(
                EvidenceBundle.EVIDENCE,
                JSON.writerWithDefaultPrettyPrinter()
                        .writeValueAsString(ReportView.of(report, now, false))
                        .getBytes(StandardCharsets.UTF_8));
        files.put(
                EvidenceBundle.OSCAL,
                OscalResults.document(report, report.computedAt().toString()));
        checkpoints
                .latest()
                .ifPresent(c -> files.put(EvidenceBundle.CHECKPOINT, c.note().getBytes(StandardCharsets.UTF_8)));
        files.put(EvidenceBundle.PUBLIC_KEY, signer.publicKeyPem().getBytes(StandardCharsets.US_ASCII));
        byte[] zip = EvidenceBundle.write(files, now, signer::sign);
        audit.record("compliance.evidence.export", Outcome.SUCCESS, null, EvidenceBundle.sha256(zip));
        return new Bundle(zip, report);
    }
}
