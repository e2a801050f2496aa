package health.securevisit.hub.internal;

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

/** Hub rows (table {@code hub}): ids, modes, status and flags; no PHI. */
@Repository
public class Hubs {

    /** A hub as stored. */
    public record Hub(
            UUID id,
            UUID patientId,
            NetworkMode mode,
            String uplink,
            String status,
            @Nullable Instant enrolmentExpiresAt,
            @Nullable Instant enrolledAt,
            boolean nonCompliant,
            @Nullable String nonCompliantReason,
            @Nullable Instant nonCompliantSince,
            @Nullable String lastUplink,
            @Nullable Instant lastSeenAt,
            Instant createdAt) {

        public boolean active() {
            return "ACTIVE".equals(status);
        }
    }

    private static final String COLUMNS = "id, patient_id, network_mode, uplink, status, enrolment_expires_at,"
            + " enrolled_at, non_compliant, non_compliant_reason, non_compliant_since, last_uplink, last_seen_at,"
            + " created_at";

    private final JdbcClient jdbc;

    Hubs(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(
            UUID id,
            UUID patientId,
            NetworkMode mode,
            String uplink,
            byte[] codeHash,
            Instant expires,
            UUID createdBy,
            Instant now) {
        jdbc.sql("INSERT INTO hub (id, patient_id, network_mode, uplink, status, enrolment_code_hash,"
                        + " enrolment_expires_at, non_compliant, created_by, created_at)"
                        + " VALUES (?, ?, ?, ?, 'PENDING', ?, ?, ?, ?, ?)")
                .params(
                        id,
                        patientId,
                        mode.name(),
                        uplink,
                        codeHash,
                        ts(expires),
                        mode == NetworkMode.SHARED_HOME,
                        createdBy,
                        ts(now))
                .update();
        if (mode == NetworkMode.SHARED_HOME) {
            flag(id, NetworkCompliance.SHARED_HOME_NETWORK, now);
        }
    }

    Optional<Hub> find(UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM hub WHERE id = ?")
                .param(id)
                .query(Hubs::map)
                .optional();
    }

    Optional<Hub> findByCode(byte[] codeHash) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM hub WHERE enrolment_code_hash = ?")
                .param(codeHash)
                .query(Hubs::map)
                .optional();
    }

    /** Uses the code: true only for the one caller that moved the hub from PENDING to ACTIVE. */
    boolean activate(UUID id, byte[] codeHash, Instant now) {
        return jdbc.sql("UPDATE hub SET status = 'ACTIVE', enrolled_at = ? WHERE id = ? AND status = 'PENDING'"
                                + " AND enrolment_code_hash = ? AND enrolment_expires_at > ?")
                        .params(ts(now), id, codeHash, ts(now))
                        .update()
                == 1;
    }

    List<Hub> all() {
        return jdbc.sql("SELECT " + COLUMNS + " FROM hub ORDER BY created_at DESC")
                .query(Hubs::map)
                .list();
    }

    List<Hub> ofPatient(UUID patientId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM hub WHERE patient_id = ? ORDER BY created_at")
                .param(patientId)
                .query(Hubs::map)
                .list();
    }

    void revoke(UUID id, Instant now) {
        jdbc.sql("UPDATE hub SET status = 'REVOKED' WHERE id = ?").param(id).update();
        jdbc.sql("UPDATE hub_certificate SET revoked_at = ? WHERE hub_id = ? AND revoked_at IS NULL")
                .params(ts(now), id)
                .update();
    }

    void flag(UUID id, String reason, Instant now) {
        jdbc.sql("UPDATE hub SET non_compliant = TRUE, non_compliant_reason = ?,"
                        + " non_compliant_since = COALESCE(non_compliant_since, ?) WHERE id = ?")
                .params(reason, ts(now), id)
                .update();
    }

    void clearFlag(UUID id) {
        jdbc.sql("UPDATE hub SET non_compliant = FALSE, non_compliant_reason = NULL, non_compliant_since = NULL"
                        + " WHERE id = ?")
                .param(id)
                .update();
    }

    void seen(UUID id, String uplink, Instant now) {
        jdbc.sql("UPDATE hub SET last_uplink = ?, last_seen_at = ? WHERE id = ?")
                .params(uplink, ts(now), id)
                .update();
    }

    /** Whether the certificate with this serial belongs to the hub and is not revoked. */
    boolean certificateLive(UUID hubId, String serial) {
        return jdbc.sql("SELECT COUNT(*) FROM hub_certificate WHERE serial = ? AND hub_id = ? AND revoked_at IS NULL")
                        .params(serial, hubId)
                        .query(Long.class)
                        .single()
                == 1;
    }

    private static Hub map(ResultSet rs, int row) throws SQLException {
        return new Hub(
                rs.getObject(1, UUID.class),
                rs.getObject(2, UUID.class),
                NetworkMode.valueOf(rs.getString(3)),
                rs.getString(4),
                rs.getString(5),
                instant(rs.getTimestamp(6)),
                instant(rs.getTimestamp(7)),
                rs.getBoolean(8),
                rs.getString(9),
                instant(rs.getTimestamp(10)),
                rs.getString(11),
                instant(rs.getTimestamp(12)),
                rs.getTimestamp(13).toInstant());
    }

    private static @Nullable Instant instant(@Nullable Timestamp t) {
        return t == null ? null : t.toInstant();
    }

    static Timestamp ts(Instant instant) {
        return Timestamp.from(instant);
    }
}
