package health.securevisit.device.internal;

import static health.securevisit.device.internal.Devices.instant;
import static health.securevisit.device.internal.Devices.ts;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Recorded posture exceptions (table {@code device_posture_exception}). */
@Repository
class PostureExceptions {

    private static final String COLUMNS = "id, device_id, group_kind, group_ownership, group_os_name, check_code,"
            + " reason, granted_by, granted_at, expires_at, revoked_at, revoked_by";

    private final JdbcClient jdbc;

    PostureExceptions(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(PostureException e) {
        jdbc.sql("INSERT INTO device_posture_exception (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(
                        e.id(),
                        e.deviceId(),
                        e.groupKind() == null ? null : e.groupKind().name(),
                        e.groupOwnership() == null ? null : e.groupOwnership().name(),
                        e.groupOsName() == null ? null : e.groupOsName().toLowerCase(Locale.ROOT),
                        e.check(),
                        e.reason(),
                        e.grantedBy(),
                        ts(e.grantedAt()),
                        ts(e.expiresAt()),
                        null,
                        null)
                .update();
    }

    Optional<PostureException> find(UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM device_posture_exception WHERE id = ?")
                .param(id)
                .query(PostureExceptions::row)
                .optional();
    }

    /** The exceptions that count at {@code now} for the device: its own and those of groups it belongs to. */
    List<PostureException> activeFor(Device device, Instant now) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM device_posture_exception WHERE revoked_at IS NULL"
                        + " AND expires_at > ? AND (device_id = ? OR (device_id IS NULL"
                        + " AND (group_kind IS NULL OR group_kind = ?) AND (group_ownership IS NULL OR group_ownership = ?)"
                        + " AND (group_os_name IS NULL OR group_os_name = ?)))")
                .params(
                        ts(now),
                        device.id(),
                        device.kind().name(),
                        device.ownership().name(),
                        device.osName().toLowerCase(Locale.ROOT))
                .query(PostureExceptions::row)
                .list();
    }

    /** Exceptions by grant time, newest first; {@code active} only those counting at {@code now}. */
    List<PostureException> list(boolean active, Instant now, int offset, int limit) {
        String where = active ? " WHERE revoked_at IS NULL AND expires_at > ?" : "";
        var sql = jdbc.sql("SELECT " + COLUMNS + " FROM device_posture_exception" + where
                + " ORDER BY granted_at DESC, id LIMIT ? OFFSET ?");
        return (active ? sql.params(ts(now), limit, offset) : sql.params(limit, offset))
                .query(PostureExceptions::row)
                .list();
    }

    /** Revokes an exception that is not revoked yet; false when it already was. */
    boolean revoke(UUID id, UUID by, Instant now) {
        return jdbc.sql("UPDATE device_posture_exception SET revoked_at = ?, revoked_by = ?"
                                + " WHERE id = ? AND revoked_at IS NULL")
                        .params(ts(now), by, id)
                        .update()
                == 1;
    }

    private static PostureException row(ResultSet rs, int n) throws SQLException {
        String kind = rs.getString("group_kind");
        String ownership = rs.getString("group_ownership");
        return new PostureException(
                rs.getObject("id", UUID.class),
                rs.getObject("device_id", UUID.class),
                kind == null ? null : Device.Kind.valueOf(kind),
                ownership == null ? null : Device.Ownership.valueOf(ownership),
                rs.getString("group_os_name"),
                rs.getString("check_code"),
                rs.getString("reason"),
                rs.getObject("granted_by", UUID.class),
                rs.getTimestamp("granted_at").toInstant(),
                rs.getTimestamp("expires_at").toInstant(),
                instant(rs, "revoked_at"),
                rs.getObject("revoked_by", UUID.class));
    }
}
