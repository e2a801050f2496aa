package health.securevisit.incident.internal;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Incident rows: the incident, its timeline, tasks, subjects and communication steps. */
@Repository
public class IncidentStore {

    public record Incident(
            UUID id,
            String title,
            String severity,
            String status,
            @Nullable UUID alertId,
            String zone,
            Instant openedAt,
            UUID openedBy,
            @Nullable LocalDate discoveredOn,
            @Nullable String verdict,
            @Nullable String assessment) {}

    /** A timeline event; {@code local} is its time in the zone it was reported in, with the offset. */
    public record Event(
            UUID id,
            Instant at,
            String zone,
            String local,
            String kind,
            @Nullable String note,
            @Nullable UUID by) {}

    static String local(Instant at, String zone) {
        return at.atZone(java.time.ZoneId.of(zone))
                .format(java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm zzz (xxx)"));
    }

    public record Task(
            UUID id,
            String title,
            @Nullable Instant dueAt,
            @Nullable Instant doneAt) {}

    public record Subject(
            String kind, String subjectId, @Nullable String state) {}

    public record CommStep(
            UUID id,
            int order,
            String audience,
            Instant dueAt,
            @Nullable Instant acknowledgedAt,
            @Nullable UUID acknowledgedBy,
            @Nullable Instant escalatedAt) {}

    private final JdbcClient jdbc;

    IncidentStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(Incident i) {
        jdbc.sql("INSERT INTO incident (id, title, severity, status, alert_id, zone, opened_at, opened_by,"
                        + " discovered_on, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(
                        i.id(),
                        i.title(),
                        i.severity(),
                        i.status(),
                        i.alertId(),
                        i.zone(),
                        ts(i.openedAt()),
                        i.openedBy(),
                        i.discoveredOn(),
                        ts(i.openedAt()))
                .update();
    }

    Optional<Incident> find(UUID id) {
        return jdbc.sql("SELECT id, title, severity, status, alert_id, zone, opened_at, opened_by, discovered_on,"
                        + " verdict, assessment FROM incident WHERE id = ?")
                .param(id)
                .query((rs, n) -> new Incident(
                        rs.getObject(1, UUID.class),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getString(4),
                        rs.getObject(5, UUID.class),
                        rs.getString(6),
                        rs.getTimestamp(7).toInstant(),
                        rs.getObject(8, UUID.class),
                        rs.getObject(9, LocalDate.class),
                        rs.getString(10),
                        rs.getString(11)))
                .optional();
    }

    List<Incident> recent(int limit) {
        return jdbc
                .sql("SELECT id FROM incident ORDER BY opened_at DESC LIMIT ?")
                .param(limit)
                .query(UUID.class)
                .list()
                .stream()
                .map(id -> find(id).orElseThrow())
                .toList();
    }

    void assessed(UUID id, LocalDate discovered, String verdict, String assessment, Instant at) {
        jdbc.sql("UPDATE incident SET discovered_on = ?, verdict = ?, assessment = ?, updated_at = ? WHERE id = ?")
                .params(discovered, verdict, assessment, ts(at), id)
                .update();
    }

    void status(UUID id, String status, Instant at) {
        jdbc.sql("UPDATE incident SET status = ?, updated_at = ? WHERE id = ?")
                .params(status, ts(at), id)
                .update();
    }

    void event(UUID incident, Instant at, String zone, String kind, @Nullable String note, @Nullable UUID by) {
        jdbc.sql("INSERT INTO incident_event (id, incident_id, at, zone, kind, note, by_account)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?)")
                .params(UUID.randomUUID(), incident, ts(at), zone, kind, note, by)
                .update();
    }

    List<Event> events(UUID incident) {
        return jdbc.sql("SELECT id, at, zone, kind, note, by_account FROM incident_event WHERE incident_id = ?"
                        + " ORDER BY at, id")
                .param(incident)
                .query((rs, n) -> new Event(
                        rs.getObject(1, UUID.class),
                        rs.getTimestamp(2).toInstant(),
                        rs.getString(3),
                        local(rs.getTimestamp(2).toInstant(), rs.getString(3)),
                        rs.getString(4),
                        rs.getString(5),
                        rs.getObject(6, UUID.class)))
                .list();
    }

    UUID task(UUID incident, String title, @Nullable Instant due, Instant at) {
        UUID id = UUID.randomUUID();
        jdbc.sql("INSERT INTO incident_task (id, incident_id, title, due_at, created_at) VALUES (?, ?, ?, ?, ?)")
                .params(id, incident, title, due == null ? null : ts(due), ts(at))
                .update();
        return id;
    }

    boolean taskDone(UUID incident, UUID task, Instant at) {
        return jdbc.sql("UPDATE incident_task SET done_at = ? WHERE id = ? AND incident_id = ? AND done_at IS NULL")
                        .params(ts(at), task, incident)
                        .update()
                == 1;
    }

    List<Task> tasks(UUID incident) {
        return jdbc.sql(
                        "SELECT id, title, due_at, done_at FROM incident_task WHERE incident_id = ? ORDER BY created_at")
                .param(incident)
                .query((rs, n) -> new Task(
                        rs.getObject(1, UUID.class),
                        rs.getString(2),
                        instant(rs.getTimestamp(3)),
                        instant(rs.getTimestamp(4))))
                .list();
    }

    void subject(UUID incident, String kind, String subjectId, @Nullable String state) {
        jdbc.sql("DELETE FROM incident_subject WHERE incident_id = ? AND kind = ? AND subject_id = ?")
                .params(incident, kind, subjectId)
                .update();
        jdbc.sql("INSERT INTO incident_subject (incident_id, kind, subject_id, state) VALUES (?, ?, ?, ?)")
                .params(incident, kind, subjectId, state)
                .update();
    }

    boolean hasSubject(UUID incident, String kind, String subjectId) {
        return jdbc.sql("SELECT COUNT(*) FROM incident_subject WHERE incident_id = ? AND kind = ? AND subject_id = ?")
                        .params(incident, kind, subjectId)
                        .query(Long.class)
                        .single()
                > 0;
    }

    List<Subject> subjects(UUID incident) {
        return jdbc.sql("SELECT kind, subject_id, state FROM incident_subject WHERE incident_id = ? ORDER BY kind,"
                        + " subject_id")
                .param(incident)
                .query((rs, n) -> new Subject(rs.getString(1), rs.getString(2), rs.getString(3)))
                .list();
    }

    void step(UUID incident, int order, String audience, Instant due) {
        jdbc.sql(
                        "INSERT INTO incident_comm_step (id, incident_id, step_order, audience, due_at) VALUES (?, ?, ?, ?, ?)")
                .params(UUID.randomUUID(), incident, order, audience, ts(due))
                .update();
    }

    List<CommStep> steps(UUID incident) {
        return jdbc.sql("SELECT id, step_order, audience, due_at, acknowledged_at, acknowledged_by, escalated_at"
                        + " FROM incident_comm_step WHERE incident_id = ? ORDER BY step_order")
                .param(incident)
                .query((rs, n) -> new CommStep(
                        rs.getObject(1, UUID.class),
                        rs.getInt(2),
                        rs.getString(3),
                        rs.getTimestamp(4).toInstant(),
                        instant(rs.getTimestamp(5)),
                        rs.getObject(6, UUID.class),
                        instant(rs.getTimestamp(7))))
                .list();
    }

    boolean acknowledge(UUID incident, UUID step, UUID by, Instant at) {
        return jdbc.sql("UPDATE incident_comm_step SET acknowledged_at = ?, acknowledged_by = ?"
                                + " WHERE id = ? AND incident_id = ? AND acknowledged_at IS NULL")
                        .params(ts(at), by, step, incident)
                        .update()
                == 1;
    }

    /** Overdue, unacknowledged, not yet escalated steps: (incident id, step id, audience). */
    List<String[]> overdue(Instant now) {
        return jdbc.sql("SELECT incident_id, id, audience FROM incident_comm_step"
                        + " WHERE acknowledged_at IS NULL AND escalated_at IS NULL AND due_at < ?")
                .param(ts(now))
                .query((rs, n) -> new String[] {rs.getString(1), rs.getString(2), rs.getString(3)})
                .list();
    }

    boolean escalated(UUID step, Instant at) {
        return jdbc.sql("UPDATE incident_comm_step SET escalated_at = ? WHERE id = ? AND escalated_at IS NULL")
                        .params(ts(at), step)
                        .update()
                == 1;
    }

    static Timestamp ts(Instant i) {
        return Timestamp.from(i);
    }

    static @Nullable Instant instant(@Nullable Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
