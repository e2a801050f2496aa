package health.securevisit.detection.internal;

import health.securevisit.detection.AlertStatus;
import health.securevisit.detection.SecurityAlert;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Rule alerts in {@code security_alert}: a match joins the open alert with the same dedup key (its
 * entries are linked, each once) or opens a new one. Identifiers and codes only.
 */
@Repository
public class AlertStore {

    static final String COLUMNS =
            "id, kind, title, severity, status, actor_id, patient_id, assignee, hits," + " created_at, updated_at";

    /** A listing filter; null fields do not filter. */
    public record Filter(
            @Nullable AlertStatus status,
            @Nullable String severity,
            @Nullable String kind,
            @Nullable UUID assignee,
            int page,
            int size) {}

    /** A page of alerts, newest first. */
    public record Page(List<SecurityAlert> alerts, int page, int size, boolean hasNext) {}

    private final JdbcClient jdbc;

    AlertStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Stores a match (in the caller's transaction); returns the alert id and whether it is new. */
    UUID raise(RuleEngine.Match m, Instant at) {
        List<UUID> open = jdbc.sql("SELECT id FROM security_alert WHERE dedup_key = ? AND status IN (?, ?, ?)")
                .params(
                        m.dedupKey(),
                        AlertStatus.OPEN.name(),
                        AlertStatus.ACKNOWLEDGED.name(),
                        AlertStatus.INVESTIGATING.name())
                .query(UUID.class)
                .list();
        UUID id;
        if (open.isEmpty()) {
            id = UUID.randomUUID();
            jdbc.sql("INSERT INTO security_alert (id, kind, title, severity, actor_id, patient_id, created_at, status,"
                            + " dedup_key, updated_at, hits) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0)")
                    .params(
                            id,
                            m.rule().id(),
                            m.rule().title(),
                            m.rule().level().name(),
                            uuid(m.actorId()),
                            uuid(m.patientId()),
                            Timestamp.from(at),
                            AlertStatus.OPEN.name(),
                            m.dedupKey(),
                            Timestamp.from(at))
                    .update();
        } else {
            id = open.getFirst();
        }
        int added = 0;
        for (long seq : m.seqs()) {
            boolean linked = jdbc.sql("SELECT COUNT(*) FROM security_alert_entry WHERE alert_id = ? AND seq = ?")
                            .params(id, seq)
                            .query(Long.class)
                            .single()
                    > 0;
            if (!linked) {
                jdbc.sql("INSERT INTO security_alert_entry (alert_id, seq) VALUES (?, ?)")
                        .params(id, seq)
                        .update();
                added++;
            }
        }
        if (added > 0 || open.isEmpty()) {
            jdbc.sql("UPDATE security_alert SET hits = hits + 1, updated_at = ? WHERE id = ?")
                    .params(Timestamp.from(at), id)
                    .update();
        }
        return id;
    }

    Page page(Filter f) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM security_alert WHERE 1 = 1");
        List<Object> params = new ArrayList<>();
        if (f.status() != null) {
            sql.append(" AND status = ?");
            params.add(f.status().name());
        }
        if (f.severity() != null) {
            sql.append(" AND severity = ?");
            params.add(f.severity());
        }
        if (f.kind() != null) {
            sql.append(" AND kind = ?");
            params.add(f.kind());
        }
        if (f.assignee() != null) {
            sql.append(" AND assignee = ?");
            params.add(f.assignee());
        }
        sql.append(" ORDER BY created_at DESC, id LIMIT ? OFFSET ?");
        params.add(f.size() + 1);
        params.add((long) f.page() * f.size());
        List<SecurityAlert> rows = jdbc.sql(sql.toString())
                .params(params)
                .query((rs, n) -> row(rs, List.of()))
                .list();
        boolean hasNext = rows.size() > f.size();
        return new Page(hasNext ? rows.subList(0, f.size()) : rows, f.page(), f.size(), hasNext);
    }

    Optional<SecurityAlert> find(UUID id) {
        List<Long> seqs = jdbc.sql("SELECT seq FROM security_alert_entry WHERE alert_id = ? ORDER BY seq")
                .param(id)
                .query(Long.class)
                .list();
        return jdbc.sql("SELECT " + COLUMNS + " FROM security_alert WHERE id = ?")
                .param(id)
                .query((rs, n) -> row(rs, seqs))
                .optional();
    }

    /** Moves the alert from {@code from} only (a concurrent change makes this return false). */
    boolean transition(UUID id, AlertStatus from, AlertStatus to, Instant at) {
        return jdbc.sql("UPDATE security_alert SET status = ?, updated_at = ? WHERE id = ? AND status = ?")
                        .params(to.name(), Timestamp.from(at), id, from.name())
                        .update()
                == 1;
    }

    void assign(UUID id, @Nullable UUID assignee, Instant at) {
        jdbc.sql("UPDATE security_alert SET assignee = ?, updated_at = ? WHERE id = ?")
                .params(assignee, Timestamp.from(at), id)
                .update();
    }

    private static SecurityAlert row(ResultSet rs, List<Long> seqs) throws SQLException {
        Timestamp updated = rs.getTimestamp("updated_at");
        return new SecurityAlert(
                rs.getObject("id", UUID.class),
                rs.getString("kind"),
                rs.getString("title"),
                rs.getString("severity"),
                AlertStatus.valueOf(rs.getString("status")),
                rs.getObject("actor_id", UUID.class),
                rs.getObject("patient_id", UUID.class),
                rs.getObject("assignee", UUID.class),
                rs.getInt("hits"),
                rs.getTimestamp("created_at").toInstant(),
                updated == null ? null : updated.toInstant(),
                seqs);
    }

    static @Nullable UUID uuid(@Nullable String s) {
        if (s == null) {
            return null;
        }
        try {
            return UUID.fromString(s);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
