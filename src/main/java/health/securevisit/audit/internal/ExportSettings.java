package health.securevisit.audit.internal;

import java.time.Duration;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Export sinks fed from the trail (each with a durable cursor) and their retry policy.
 *
 * @param jsonLines append every entry as one JSON object per line to DATA_DIR/audit/export/events.jsonl
 * @param fhir append every entry as a FHIR R4 AuditEvent (NDJSON) to
 *     DATA_DIR/audit/export/auditevents.ndjson
 * @param batch the most entries sent per delivery
 * @param minBackoff the first wait after a failed delivery (doubling up to {@code maxBackoff})
 * @param maxBackoff the longest wait between attempts
 * @param poll how often a sink looks for new entries
 */
public record ExportSettings(
        @DefaultValue("false") boolean jsonLines,
        @DefaultValue("false") boolean fhir,
        @DefaultValue("500") int batch,
        @DefaultValue("1s") Duration minBackoff,
        @DefaultValue("60s") Duration maxBackoff,
        @DefaultValue("200ms") Duration poll) {}
