package health.securevisit.risk.internal;

import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Table access for {@code risk_scenario}, {@code risk_flow_seen} and {@code risk_assessment}. */
@Repository
class Scenarios {

    private static final String COLUMNS = "id, threat_id, asset, title, likelihood, impact, residual_likelihood,"
            + " residual_impact, treatment, owner, due_on, status, origin, trigger_key, opened_at, updated_at";

    private final JdbcClient jdbc;

    Scenarios(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(Scenario s) {
        jdbc.sql("INSERT INTO risk_scenario (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(
                        s.id(),
                        s.threatId(),
                        s.asset(),
                        s.title(),
                        s.likelihood().number(),
                        s.impact().number(),
                        s.residualLikelihood().number(),
                        s.residualImpact().number(),
                        s.treatment().name(),
                        s.owner(),
                        s.dueOn() == null ? null : Date.valueOf(s.dueOn()),
                        s.status().name(),
                        s.origin(),
                        s.triggerKey(),
                        Timestamp.from(s.openedAt()),
                        Timestamp.from(s.updatedAt()))
                .update();
    }

    void update(Scenario s) {
        jdbc.sql("UPDATE risk_scenario SET likelihood = ?, impact = ?, residual_likelihood = ?, residual_impact = ?,"
                        + " treatment = ?, owner = ?, due_on = ?, status = ?, updated_at = ? WHERE id = ?")
                .params(
                        s.likelihood().number(),
                        s.impact().number(),
                        s.residualLikelihood().number(),
                        s.residualImpact().number(),
                        s.treatment().name(),
                        s.owner(),
                        s.dueOn() == null ? null : Date.valueOf(s.dueOn()),
                        s.status().name(),
                        Timestamp.from(s.updatedAt()),
                        s.id())
                .update();
    }

    List<Scenario> all() {
        return jdbc.sql("SELECT " + COLUMNS + " FROM risk_scenario ORDER BY opened_at, id")
                .query((rs, n) -> read(rs))
                .list();
    }

    Optional<Scenario> find(UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM risk_scenario WHERE id = ?")
                .param(id)
                .query((rs, n) -> read(rs))
                .optional();
    }

    boolean openWithTrigger(String triggerKey) {
        return jdbc.sql("SELECT count(*) FROM risk_scenario WHERE trigger_key = ? AND status <> 'CLOSED'")
                        .param(triggerKey)
                        .query(Long.class)
                        .single()
                > 0;
    }

    /** Flow id to whether it was encrypted when last seen. */
    java.util.Map<String, Boolean> seenFlows() {
        java.util.Map<String, Boolean> out = new java.util.HashMap<>();
        jdbc.sql("SELECT flow_id, encrypted FROM risk_flow_seen").query(rs -> {
            out.put(rs.getString(1), rs.getBoolean(2));
        });
        return out;
    }

    void seen(String flowId, boolean encrypted, Instant at, boolean known) {
        if (known) {
            jdbc.sql("UPDATE risk_flow_seen SET encrypted = ? WHERE flow_id = ?")
                    .params(encrypted, flowId)
                    .update();
        } else {
            jdbc.sql("INSERT INTO risk_flow_seen (flow_id, encrypted, first_seen) VALUES (?, ?, ?)")
                    .params(flowId, encrypted, Timestamp.from(at))
                    .update();
        }
    }

    void assessed(UUID by, Instant at) {
        jdbc.sql("INSERT INTO risk_assessment (id, completed_at, completed_by) VALUES (?, ?, ?)")
                .params(UUID.randomUUID(), Timestamp.from(at), by)
                .update();
    }

    @Nullable
    Instant lastAssessment() {
        Timestamp t = jdbc.sql("SELECT max(completed_at) FROM risk_assessment")
                .query(Timestamp.class)
                .optional()
                .orElse(null);
        return t == null ? null : t.toInstant();
    }

    private static Scenario read(ResultSet rs) throws SQLException {
        Date due = rs.getDate("due_on");
        return new Scenario(
                rs.getObject("id", UUID.class),
                rs.getString("threat_id"),
                rs.getString("asset"),
                rs.getString("title"),
                Level.of(rs.getInt("likelihood"), "likelihood"),
                Level.of(rs.getInt("impact"), "impact"),
                Level.of(rs.getInt("residual_likelihood"), "residualLikelihood"),
                Level.of(rs.getInt("residual_impact"), "residualImpact"),
                Scenario.Treatment.valueOf(rs.getString("treatment")),
                rs.getString("owner"),
                due == null ? null : due.toLocalDate(),
                Scenario.Status.valueOf(rs.getString("status")),
                rs.getString("origin"),
                rs.getString("trigger_key"),
                rs.getTimestamp("opened_at").toInstant(),
                rs.getTimestamp("updated_at").toInstant());
    }
}
