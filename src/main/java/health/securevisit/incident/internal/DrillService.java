package health.securevisit.incident.internal;

import health.securevisit.audit.AuditEvent;
import health.securevisit.audit.AuditFeed;
import health.securevisit.audit.Outcome;
import health.securevisit.audit.PurposeOfUse;
import health.securevisit.detection.ResponseAudit;
import health.securevisit.detection.RuleReplay;
import health.securevisit.identity.CurrentWorkforceUser;
import health.securevisit.incident.DrillSchedule;
import health.securevisit.incident.IncidentFailure;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Tabletop drills: a shipped scenario's synthetic events, each marked DRILL, go into the separate
 * drill trail ({@code drill_event}, never the audit trail) and through the live rules with a fresh
 * engine; the officers then record when they detected it, their decision, participants, findings and
 * follow-ups. Time to detect and to decide count from the start.
 */
@Service
public class DrillService implements DrillSchedule {

    /** A drill as listed. */
    public record Drill(
            UUID id,
            String scenario,
            Instant startedAt,
            @Nullable String rulesFired,
            @Nullable Duration timeToDetect,
            @Nullable Duration timeToDecide,
            @Nullable String decision,
            @Nullable String participants,
            @Nullable String findings,
            @Nullable String followUps,
            @Nullable Instant finishedAt,
            int drillEvents) {}

    private final JdbcClient jdbc;
    private final RuleReplay replay;
    private final ResponseAudit audit;
    private final CurrentWorkforceUser currentUser;
    private final Clock clock;

    DrillService(
            JdbcClient jdbc, RuleReplay replay, ResponseAudit audit, CurrentWorkforceUser currentUser, Clock clock) {
        this.jdbc = jdbc;
        this.replay = replay;
        this.audit = audit;
        this.currentUser = currentUser;
        this.clock = clock;
    }

    public List<PlanFiles.Scenario> scenarios() {
        return PlanFiles.scenarios();
    }

    @Transactional
    public UUID start(String scenarioId) {
        PlanFiles.Scenario s = scenarios().stream()
                .filter(x -> x.id().equals(scenarioId))
                .findFirst()
                .orElseThrow(() -> IncidentFailure.notFound("scenario"));
        UUID id = UUID.randomUUID();
        Instant start = clock.instant();
        List<AuditFeed.Entry> entries = new ArrayList<>();
        for (PlanFiles.ScenarioEvent e : s.events()) {
            int count = e.count() == null ? 1 : Math.max(1, Math.min(e.count(), 1000));
            for (int n = 0; n < count; n++) {
                Instant at = start.plus(e.after()).plusSeconds(n);
                String patient = e.action().startsWith("auth.")
                                || e.action().startsWith("device.")
                                || e.action().startsWith("vendor.")
                        ? null
                        : "drill-patient-" + n;
                entries.add(new AuditFeed.Entry(
                        entries.size(),
                        at,
                        AuditEvent.builder(e.action(), Outcome.valueOf(e.outcome()), PurposeOfUse.TREATMENT)
                                .reason("drill")
                                .actor(e.actor(), "CLINICIAN")
                                .patient(patient)
                                .resource(
                                        patient == null ? "drill" : "drill-record",
                                        patient == null ? null : "drill-" + n)
                                .source(null, e.device())
                                .build()));
            }
        }
        Set<String> fired = replay.firedRules(entries);
        jdbc.sql("INSERT INTO drill (id, scenario, started_at, started_by, rules_fired) VALUES (?, ?, ?, ?, ?)")
                .params(
                        id,
                        s.id(),
                        Timestamp.from(start),
                        currentUser.current().orElseThrow().id(),
                        String.join(",", fired))
                .update();
        for (AuditFeed.Entry e : entries) {
            AuditEvent ev = e.event();
            jdbc.sql("INSERT INTO drill_event (drill_id, seq, at, marker, action, outcome, actor_id, patient_id,"
                            + " resource_type, resource_id, device_id) VALUES (?, ?, ?, 'DRILL', ?, ?, ?, ?, ?, ?, ?)")
                    .params(
                            id,
                            (int) e.sequence(),
                            Timestamp.from(e.time()),
                            ev.action(),
                            ev.outcome().name(),
                            ev.actorId(),
                            ev.patientId(),
                            ev.resourceType(),
                            ev.resourceId(),
                            ev.deviceId())
                    .update();
        }
        audit.record("drill.start", Outcome.SUCCESS, s.id(), "drill", id.toString());
        return id;
    }

    @Transactional
    public void detected(UUID id) {
        step(
                id,
                "UPDATE drill SET detected_at = ? WHERE id = ? AND detected_at IS NULL AND finished_at IS NULL",
                "drill.detected");
    }

    @Transactional
    public void decided(UUID id, String decision) {
        Drill d = find(id);
        if (d.timeToDetect() == null) {
            throw IncidentFailure.conflict("drill-not-detected", "Record the detection before the decision.");
        }
        int n = jdbc.sql("UPDATE drill SET decided_at = ?, decision = ? WHERE id = ? AND decided_at IS NULL")
                .params(Timestamp.from(clock.instant()), IncidentService.text(decision, 500, "decision"), id)
                .update();
        if (n != 1) {
            throw IncidentFailure.conflict("drill-already-decided", "This drill already has its decision.");
        }
        audit.record("drill.decided", Outcome.SUCCESS, null, "drill", id.toString());
    }

    @Transactional
    public void finish(UUID id, String participants, String findings, String followUps) {
        Drill d = find(id);
        if (d.timeToDetect() == null || d.timeToDecide() == null) {
            throw IncidentFailure.conflict("drill-not-decided", "Record detection and decision before finishing.");
        }
        int n = jdbc.sql("UPDATE drill SET participants = ?, findings = ?, follow_ups = ?, finished_at = ?"
                        + " WHERE id = ? AND finished_at IS NULL")
                .params(
                        IncidentService.text(participants, 1000, "participants"),
                        IncidentService.text(findings, 2000, "findings"),
                        IncidentService.text(followUps, 2000, "followUps"),
                        Timestamp.from(clock.instant()),
                        id)
                .update();
        if (n != 1) {
            throw IncidentFailure.conflict("drill-finished", "This drill is already finished.");
        }
        audit.record("drill.finish", Outcome.SUCCESS, null, "drill", id.toString());
    }

    private void step(UUID id, String sql, String action) {
        find(id);
        if (jdbc.sql(sql).params(Timestamp.from(clock.instant()), id).update() != 1) {
            throw IncidentFailure.conflict("drill-step-done", "That step of the drill is already recorded.");
        }
        audit.record(action, Outcome.SUCCESS, null, "drill", id.toString());
    }

    public List<Drill> recent() {
        return jdbc.sql("SELECT id FROM drill ORDER BY started_at DESC LIMIT 50").query(UUID.class).list().stream()
                .map(this::find)
                .toList();
    }

    public Drill find(UUID id) {
        return jdbc.sql("SELECT d.id, d.scenario, d.started_at, d.rules_fired, d.detected_at, d.decided_at,"
                        + " d.decision, d.participants, d.findings, d.follow_ups, d.finished_at,"
                        + " (SELECT COUNT(*) FROM drill_event e WHERE e.drill_id = d.id) FROM drill d WHERE d.id = ?")
                .param(id)
                .query((rs, n) -> {
                    Instant started = rs.getTimestamp(3).toInstant();
                    Instant detected = IncidentStore.instant(rs.getTimestamp(5));
                    Instant decided = IncidentStore.instant(rs.getTimestamp(6));
                    return new Drill(
                            rs.getObject(1, UUID.class),
                            rs.getString(2),
                            started,
                            rs.getString(4),
                            detected == null ? null : Duration.between(started, detected),
                            decided == null ? null : Duration.between(started, decided),
                            rs.getString(7),
                            rs.getString(8),
                            rs.getString(9),
                            rs.getString(10),
                            IncidentStore.instant(rs.getTimestamp(11)),
                            rs.getInt(12));
                })
                .optional()
                .orElseThrow(() -> IncidentFailure.notFound("drill"));
    }

    @Override
    public Status status() {
        List<Instant> last = jdbc.sql("SELECT MAX(finished_at) FROM drill WHERE finished_at IS NOT NULL")
                .query((rs, n) -> IncidentStore.instant(rs.getTimestamp(1)))
                .list();
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        LocalDate lastDay =
                last.isEmpty() || last.getFirst() == null ? null : LocalDate.ofInstant(last.getFirst(), ZoneOffset.UTC);
        return status(lastDay, today);
    }

    /** Each quarter needs a drill: due by the end of the quarter after the last one's (this quarter if none). */
    static Status status(@Nullable LocalDate lastFinished, LocalDate today) {
        LocalDate due = lastFinished == null
                ? quarterEnd(today)
                : quarterEnd(quarterEnd(lastFinished).plusDays(1));
        return new Status(lastFinished, due, today.isAfter(due));
    }

    static LocalDate quarterEnd(LocalDate d) {
        int lastMonth = ((d.getMonthValue() - 1) / 3) * 3 + 3;
        LocalDate first = LocalDate.of(d.getYear(), lastMonth, 1);
        return first.withDayOfMonth(first.lengthOfMonth());
    }
}
