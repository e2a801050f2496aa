package health.securevisit.device.internal;

import static health.securevisit.device.internal.Devices.instant;
import static health.securevisit.device.internal.Devices.ts;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Posture evidence (table {@code device_posture_report}). */
@Repository
class PostureReports {

    private final JdbcClient jdbc;

    PostureReports(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(PostureReport r, Instant receivedAt) {
        jdbc.sql("INSERT INTO device_posture_report (id, device_id, source, integration, report_ref, reported_at,"
                        + " received_at, disk_encrypted, screen_lock_minutes, screen_lock_ok, antivirus_running,"
                        + " antivirus_signatures_at, antivirus_ok, os_version, os_ok, mdm_enrolled, remote_wipe)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(
                        UUID.randomUUID(),
                        r.deviceId(),
                        r.source().name(),
                        r.integration(),
                        r.reportRef(),
                        ts(r.reportedAt()),
                        ts(receivedAt),
                        r.diskEncrypted(),
                        r.screenLockMinutes(),
                        r.screenLockOk(),
                        r.antivirusRunning(),
                        r.antivirusSignaturesAt() == null ? null : ts(r.antivirusSignaturesAt()),
                        r.antivirusOk(),
                        r.osVersion(),
                        r.osOk(),
                        r.mdmEnrolled(),
                        r.remoteWipe())
                .update();
    }

    boolean refSeen(PostureReport.Source source, String integration, String ref) {
        return jdbc.sql("SELECT COUNT(*) FROM device_posture_report WHERE source = ? AND integration = ?"
                                + " AND report_ref = ?")
                        .params(source.name(), integration, ref)
                        .query(Long.class)
                        .single()
                > 0;
    }

    /** The time of the newest report about the device from this source and integration. */
    Optional<Instant> latest(UUID deviceId, PostureReport.Source source, String integration) {
        return jdbc.sql("SELECT MAX(reported_at) FROM device_posture_report WHERE device_id = ? AND source = ?"
                        + " AND integration = ?")
                .params(deviceId, source.name(), integration)
                .query((rs, n) -> Optional.ofNullable(newest(rs)))
                .single();
    }

    /** The time of each device's newest report from this source and integration (one query for a CSV import). */
    Map<UUID, Instant> latestByDevice(PostureReport.Source source, String integration) {
        Map<UUID, Instant> latest = new HashMap<>();
        jdbc.sql("SELECT device_id, MAX(reported_at) FROM device_posture_report WHERE source = ? AND integration = ?"
                        + " GROUP BY device_id")
                .params(source.name(), integration)
                .query((rs, n) -> latest.put(
                        rs.getObject(1, UUID.class), rs.getTimestamp(2).toInstant()))
                .list();
        return latest;
    }

    /** The device's newest reports (at most 20), newest first. */
    List<PostureReport> newest(UUID deviceId) {
        return jdbc.sql("SELECT * FROM device_posture_report WHERE device_id = ? ORDER BY reported_at DESC LIMIT 20")
                .param(deviceId)
                .query(PostureReports::row)
                .list();
    }

    private static @Nullable Instant newest(ResultSet rs) throws SQLException {
        java.sql.Timestamp t = rs.getTimestamp(1);
        return t == null ? null : t.toInstant();
    }

    private static @Nullable Boolean bool(ResultSet rs, String column) throws SQLException {
        boolean value = rs.getBoolean(column);
        return rs.wasNull() ? null : value;
    }

    private static PostureReport row(ResultSet rs, int n) throws SQLException {
        int lock = rs.getInt("screen_lock_minutes");
        Integer screenLock = rs.wasNull() ? null : lock;
        return new PostureReport(
                rs.getObject("device_id", UUID.class),
                PostureReport.Source.valueOf(rs.getString("source")),
                rs.getString("integration"),
                rs.getString("report_ref"),
                rs.getTimestamp("reported_at").toInstant(),
                bool(rs, "disk_encrypted"),
                screenLock,
                bool(rs, "screen_lock_ok"),
                bool(rs, "antivirus_running"),
                instant(rs, "antivirus_signatures_at"),
                bool(rs, "antivirus_ok"),
                rs.getString("os_version"),
                bool(rs, "os_ok"),
                bool(rs, "mdm_enrolled"),
                bool(rs, "remote_wipe"));
    }
}
