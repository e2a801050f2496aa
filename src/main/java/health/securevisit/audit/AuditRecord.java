package health.securevisit.audit;

import java.time.Instant;

/** Receipt of a durably recorded event: its gap-free sequence number and its time (UTC). */
public record AuditRecord(long sequence, Instant time) {}
