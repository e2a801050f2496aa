package health.securevisit.audit.internal;

import health.securevisit.audit.AuditEvent;
import health.securevisit.audit.AuditRecord;
import health.securevisit.audit.AuditTrail;
import org.springframework.stereotype.Component;

/** The audit trail on the application's database: checks the event's shape, then group-commits it. */
@Component
class JdbcAuditTrail implements AuditTrail {

    private final AuditWriter writer;

    JdbcAuditTrail(AuditWriter writer) {
        this.writer = writer;
    }

    @Override
    public AuditRecord record(AuditEvent event) {
        EventRules.check(event);
        return writer.submit(event);
    }
}
