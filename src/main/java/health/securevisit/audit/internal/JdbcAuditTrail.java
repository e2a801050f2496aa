package health.securevisit.audit.internal;

import health.securevisit.audit.AuditEvent;
import health.securevisit.audit.AuditRecord;
import health.securevisit.audit.AuditTrail;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * The audit trail on the application's database: checks the event's shape, then journals it (the
 * embedded database, {@link AuditJournal}) or group-commits it (PostgreSQL, {@link AuditWriter}).
 */
@Component
class JdbcAuditTrail implements AuditTrail {

    private final AuditWriter writer;
    private final @Nullable AuditJournal journal;

    /** Group commit only, on any database (the writer's own tests). */
    JdbcAuditTrail(AuditWriter writer) {
        this(writer, null);
    }

    @Autowired
    JdbcAuditTrail(AuditWriter writer, @Nullable AuditJournal journal) {
        this.writer = writer;
        this.journal = journal;
    }

    @Override
    public AuditRecord record(AuditEvent event) {
        EventRules.check(event);
        AuditJournal j = journal;
        return j != null && j.active() ? j.append(event) : writer.submit(event);
    }
}
