package health.securevisit.access.internal;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Stored security alerts (table {@code security_alert}): identifiers and codes only, no PHI. */
@Repository
public class SecurityAlerts {

    /** One alert as stored. */
    public record Alert(
            UUID id,
            String kind,
            String severity,
            @Nullable UUID actorId,
            @Nullable UUID patientId,
            @Nullable UUID grantId,
            Instant createdAt,
            String status) {}

    /** A page of alerts, newest first. */
    public record Page(List<Alert> alerts, int page, int size, boolean hasNext) {}

    private final JdbcClient jdbc;

    SecurityAlerts(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(Alert alert) {
        jdbc.sql("INSERT INTO security_alert (id, kind, severity, actor_id, patient_id, grant_id, created_at, status)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
                .params(
                        alert.id(),
                        alert.kind(),
                        alert.severity(),
                        alert.actorId(),
                        alert.patientId(),
                        alert.grantId(),
                        Timestamp.from(alert.createdAt()),
                        alert.status())
                .update();
    }

    Page page(int page, int size) {
        List<Alert> rows = jdbc.sql("SELECT id, kind, severity, actor_id, patient_id, grant_id, created_at, status"
                        + " FROM security_alert ORDER BY created_at DESC, id LIMIT ? OFFSET ?")
                .params(size + 1, (long) page * size)
                .query((rs, n) -> new Alert(
                        rs.getObject("id", UUID.class),
                        rs.getString("kind"),
                        rs.getString("severity"),
                        rs.getObject("actor_id", UUID.class),
                        rs.getObject("patient_id", UUID.class),
                        rs.getObject("grant_id", UUID.class),
                        rs.getTimestamp("created_at").toInstant(),
                        rs.getString("status")))
                .list();
        boolean hasNext = rows.size() > size;
        return new Page(hasNext ? rows.subList(0, size) : rows, page, size, hasNext);
    }
}
