package health.securevisit.device.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The device inventory (table {@code device}). */
@Repository
public class Devices {

    private static final String COLUMNS = "id, owner_id, name, kind, ownership, os_name, os_version, serial_number,"
            + " mdm_id, first_seen, last_seen, binding_state, public_jwk, jwk_thumbprint, bound_at, lost_at";

    private final JdbcClient jdbc;

    Devices(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(Device d) {
        jdbc.sql("INSERT INTO device (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(
                        d.id(),
                        d.ownerId(),
                        d.name(),
                        d.kind().name(),
                        d.ownership().name(),
                        d.osName(),
                        d.osVersion(),
                        d.serialNumber(),
                        d.mdmId(),
                        ts(d.firstSeen()),
                        ts(d.lastSeen()),
                        d.binding().name(),
                        d.publicJwk(),
                        d.thumbprint(),
                        d.boundAt() == null ? null : ts(d.boundAt()),
                        d.lostAt() == null ? null : ts(d.lostAt()))
                .update();
    }

    public Optional<Device> find(UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM device WHERE id = ?")
                .param(id)
                .query(Devices::row)
                .optional();
    }

    Optional<Device> byThumbprint(String thumbprint) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM device WHERE jwk_thumbprint = ?")
                .param(thumbprint)
                .query(Devices::row)
                .optional();
    }

    boolean serialTaken(String serial) {
        return jdbc.sql("SELECT COUNT(*) FROM device WHERE serial_number = ?")
                        .param(serial)
                        .query(Long.class)
                        .single()
                > 0;
    }

    @Nullable
    UUID idsBySerialOne(String serial) {
        return jdbc.sql("SELECT id FROM device WHERE serial_number = ?")
                .param(serial)
                .query(UUID.class)
                .optional()
                .orElse(null);
    }

    /** Serial number to device id, for matching a CSV export in one pass. */
    Map<String, UUID> idsBySerial() {
        Map<String, UUID> ids = new HashMap<>();
        jdbc.sql("SELECT serial_number, id FROM device")
                .query((rs, n) -> ids.put(rs.getString(1), rs.getObject(2, UUID.class)))
                .list();
        return ids;
    }

    /** Devices whose name, serial, MDM id, OS or kind contains {@code text} (any case), by name. */
    public List<Device> search(@Nullable String text, int offset, int limit) {
        if (text == null || text.isBlank()) {
            return jdbc.sql("SELECT " + COLUMNS + " FROM device ORDER BY name, id LIMIT ? OFFSET ?")
                    .params(limit, offset)
                    .query(Devices::row)
                    .list();
        }
        String like = "%"
                + text.strip()
                        .toLowerCase(Locale.ROOT)
                        .replace("\\", "\\\\")
                        .replace("%", "\\%")
                        .replace("_", "\\_") + "%";
        return jdbc.sql("SELECT " + COLUMNS + " FROM device WHERE LOWER(name) LIKE ? ESCAPE '\\'"
                        + " OR LOWER(serial_number) LIKE ? ESCAPE '\\' OR LOWER(COALESCE(mdm_id, '')) LIKE ? ESCAPE '\\'"
                        + " OR LOWER(os_name) LIKE ? ESCAPE '\\' OR LOWER(kind) LIKE ? ESCAPE '\\'"
                        + " OR CAST(owner_id AS VARCHAR(36)) = ? ORDER BY name, id LIMIT ? OFFSET ?")
                .params(like, like, like, like, like, text.strip().toLowerCase(Locale.ROOT), limit, offset)
                .query(Devices::row)
                .list();
    }

    List<Device> ownedBy(UUID ownerId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM device WHERE owner_id = ? ORDER BY name, id")
                .param(ownerId)
                .query(Devices::row)
                .list();
    }

    /** Binds a key to an unbound device; false when it is not (or no longer) unbound. */
    boolean bind(UUID id, String publicJwk, String thumbprint, Instant now) {
        return jdbc.sql("UPDATE device SET binding_state = 'BOUND', public_jwk = ?, jwk_thumbprint = ?, bound_at = ?,"
                                + " last_seen = ? WHERE id = ? AND binding_state = 'UNBOUND'")
                        .params(publicJwk, thumbprint, ts(now), ts(now), id)
                        .update()
                == 1;
    }

    /** Revokes the binding and marks the device lost; false when it already was. */
    boolean markLost(UUID id, Instant now) {
        return jdbc.sql("UPDATE device SET binding_state = 'REVOKED', lost_at = ? WHERE id = ? AND lost_at IS NULL")
                        .params(ts(now), id)
                        .update()
                == 1;
    }

    void seen(UUID id, Instant now) {
        jdbc.sql("UPDATE device SET last_seen = ? WHERE id = ?")
                .params(ts(now), id)
                .update();
    }

    static Timestamp ts(Instant instant) {
        return Timestamp.from(instant);
    }

    static @Nullable Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    private static Device row(ResultSet rs, int n) throws SQLException {
        return new Device(
                rs.getObject("id", UUID.class),
                rs.getObject("owner_id", UUID.class),
                rs.getString("name"),
                Device.Kind.valueOf(rs.getString("kind")),
                Device.Ownership.valueOf(rs.getString("ownership")),
                rs.getString("os_name"),
                rs.getString("os_version"),
                rs.getString("serial_number"),
                rs.getString("mdm_id"),
                rs.getTimestamp("first_seen").toInstant(),
                rs.getTimestamp("last_seen").toInstant(),
                Device.Binding.valueOf(rs.getString("binding_state")),
                rs.getString("public_jwk"),
                rs.getString("jwk_thumbprint"),
                instant(rs, "bound_at"),
                instant(rs, "lost_at"));
    }
}
