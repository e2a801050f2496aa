package health.securevisit.backup.internal;

import health.securevisit.audit.AuditEvent;
import health.securevisit.audit.AuditTrail;
import health.securevisit.audit.Outcome;
import health.securevisit.audit.PurposeOfUse;
import health.securevisit.backup.RestoreDrill;
import health.securevisit.backup.RestoreDrills;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** {@link RestoreDrills} in table {@code backup_restore_drill}; recording a drill is audited. */
@Component
public class JdbcRestoreDrills implements RestoreDrills {

    private static final String COLUMNS =
            "id, started_at, duration_ms, backup_id, backup_created_at, database_kind, passed, detail";

    private final JdbcClient jdbc;
    private final AuditTrail audit;

    JdbcRestoreDrills(JdbcClient jdbc, AuditTrail audit) {
        this.jdbc = jdbc;
        this.audit = audit;
    }

    /** Stores the drill and records {@code backup.restore-drill} in the audit trail. */
    @Transactional
    public void record(RestoreDrill drill) {
        jdbc.sql("INSERT INTO backup_restore_drill (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
                .params(
                        drill.id(),
                        OffsetDateTime.ofInstant(drill.startedAt(), ZoneOffset.UTC),
                        drill.duration().toMillis(),
                        drill.backupId(),
                        OffsetDateTime.ofInstant(drill.backupCreatedAt(), ZoneOffset.UTC),
                        drill.database(),
                        drill.passed(),
                        drill.detail().length() > 500 ? drill.detail().substring(0, 500) : drill.detail())
                .update();
        audit.record(AuditEvent.builder(
                        "backup.restore-drill",
                        drill.passed() ? Outcome.SUCCESS : Outcome.ERROR,
                        PurposeOfUse.OPERATIONS)
                .resource("backup", drill.backupId())
                .reason(drill.passed() ? "passed" : "failed")
                .actor(null, "system")
                .build());
    }

    @Override
    public List<RestoreDrill> recent(int limit) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM backup_restore_drill ORDER BY started_at DESC LIMIT ?")
                .param(Math.max(0, Math.min(limit, 1000)))
                .query(JdbcRestoreDrills::drill)
                .list();
    }

    @Override
    public Optional<RestoreDrill> lastPassed() {
        return jdbc.sql("SELECT " + COLUMNS
                        + " FROM backup_restore_drill WHERE passed = TRUE ORDER BY started_at DESC LIMIT 1")
                .query(JdbcRestoreDrills::drill)
                .optional();
    }

    private static RestoreDrill drill(ResultSet rs, int row) throws SQLException {
        return new RestoreDrill(
                rs.getString("id"),
                rs.getObject("started_at", OffsetDateTime.class).toInstant(),
                Duration.ofMillis(rs.getLong("duration_ms")),
                rs.getString("backup_id"),
                rs.getObject("backup_created_at", OffsetDateTime.class).toInstant(),
                rs.getString("database_kind"),
                rs.getBoolean("passed"),
                rs.getString("detail"));
    }
}
