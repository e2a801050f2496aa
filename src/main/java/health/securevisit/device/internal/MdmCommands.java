package health.securevisit.device.internal;

import static health.securevisit.device.internal.Devices.instant;
import static health.securevisit.device.internal.Devices.ts;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The durable outbox of wipe and lock requests to the MDM (table {@code device_mdm_command}). */
@Repository
public class MdmCommands {

    /** One request and its delivery state. */
    public record Command(
            UUID id,
            UUID deviceId,
            String action,
            @Nullable String mdmId,
            String status,
            int attempts,
            Instant nextAttemptAt,
            @Nullable String lastError,
            Instant createdAt,
            @Nullable Instant completedAt) {}

    private final JdbcClient jdbc;

    MdmCommands(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(Command c, UUID requestedBy) {
        jdbc.sql(
                        "INSERT INTO device_mdm_command (id, device_id, action, mdm_id, status, attempts, next_attempt_at,"
                                + " last_error, requested_by, created_at, completed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(
                        c.id(),
                        c.deviceId(),
                        c.action(),
                        c.mdmId(),
                        c.status(),
                        c.attempts(),
                        ts(c.nextAttemptAt()),
                        c.lastError(),
                        requestedBy,
                        ts(c.createdAt()),
                        c.completedAt() == null ? null : ts(c.completedAt()))
                .update();
    }

    List<Command> due(Instant now, int limit) {
        return jdbc.sql("SELECT * FROM device_mdm_command WHERE status = 'PENDING' AND next_attempt_at <= ?"
                        + " ORDER BY next_attempt_at LIMIT ?")
                .params(ts(now), limit)
                .query(MdmCommands::row)
                .list();
    }

    List<Command> forDevice(UUID deviceId) {
        return jdbc.sql("SELECT * FROM device_mdm_command WHERE device_id = ? ORDER BY created_at DESC")
                .param(deviceId)
                .query(MdmCommands::row)
                .list();
    }

    void sent(UUID id, int attempts, Instant now) {
        jdbc.sql("UPDATE device_mdm_command SET status = 'SENT', attempts = ?, completed_at = ?, last_error = NULL"
                        + " WHERE id = ?")
                .params(attempts, ts(now), id)
                .update();
    }

    void retry(UUID id, int attempts, Instant next, String error, boolean failed) {
        jdbc.sql(
                        "UPDATE device_mdm_command SET status = ?, attempts = ?, next_attempt_at = ?, last_error = ? WHERE id = ?")
                .params(failed ? "FAILED" : "PENDING", attempts, ts(next), error, id)
                .update();
    }

    private static Command row(ResultSet rs, int n) throws SQLException {
        return new Command(
                rs.getObject("id", UUID.class),
                rs.getObject("device_id", UUID.class),
                rs.getString("action"),
                rs.getString("mdm_id"),
                rs.getString("status"),
                rs.getInt("attempts"),
                rs.getTimestamp("next_attempt_at").toInstant(),
                rs.getString("last_error"),
                rs.getTimestamp("created_at").toInstant(),
                instant(rs, "completed_at"));
    }
}
