package health.securevisit.audit.internal;

import health.securevisit.audit.AuditEvent;
import health.securevisit.audit.Outcome;
import health.securevisit.audit.PurposeOfUse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collections;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** One row of audit_entry: the event, its sequence number and time, and its stored leaf hash. */
public record StoredEntry(long seq, Instant time, AuditEvent event, byte[] leafHash) {

    public static final String COLUMNS = "seq, recorded_at, action, outcome, reason, actor_id, actor_role, session_ref,"
            + " auth_method, resource_type, resource_id, patient_id, visit_id, purpose, source_address, device_id,"
            + " request_id, leaf_hash";
    static final String INSERT = "INSERT INTO audit_entry (" + COLUMNS + ")"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final int FIELDS = 18;
    private static final int ROWS_PER_STATEMENT = 64;

    /**
     * Inserts the entries with multi-row INSERT statements of up to 64 rows (one round trip and one
     * statement execution per 64 rows, on H2 and PostgreSQL alike), sent as one JDBC batch.
     */
    public static void insertAll(Connection c, String table, List<StoredEntry> entries) throws SQLException {
        int full = entries.size() / ROWS_PER_STATEMENT;
        if (full > 0) {
            try (PreparedStatement ps = c.prepareStatement(multiRowInsert(table, ROWS_PER_STATEMENT))) {
                for (int s = 0; s < full; s++) {
                    for (int r = 0; r < ROWS_PER_STATEMENT; r++) {
                        entries.get(s * ROWS_PER_STATEMENT + r).bind(ps, r * FIELDS);
                    }
                    ps.addBatch();
                }
                ps.executeBatch();
            }
        }
        int rest = entries.size() - full * ROWS_PER_STATEMENT;
        if (rest > 0) {
            try (PreparedStatement ps = c.prepareStatement(multiRowInsert(table, rest))) {
                for (int r = 0; r < rest; r++) {
                    entries.get(full * ROWS_PER_STATEMENT + r).bind(ps, r * FIELDS);
                }
                ps.executeUpdate();
            }
        }
    }

    /**
     * Inserts the entries with one binary COPY, as the audit writer does on PostgreSQL (PostgreSQL
     * only; for benchmarks that compare the writer with the same write alone).
     */
    public static void copyAll(Connection c, String table, List<StoredEntry> entries) throws SQLException {
        EntryCopy rows = new EntryCopy();
        entries.forEach(rows::add);
        rows.copy(c, table);
    }

    private static String multiRowInsert(String table, int rows) {
        String row = "(" + String.join(", ", Collections.nCopies(FIELDS, "?")) + ")";
        return "INSERT INTO " + table + " (" + COLUMNS + ") VALUES "
                + String.join(", ", Collections.nCopies(rows, row));
    }

    /** The canonical encoding recomputed from the stored fields (the Merkle leaf data). */
    public byte[] canonical() {
        return CanonicalEntry.encode(seq, time, event);
    }

    void bind(PreparedStatement ps) throws SQLException {
        bind(ps, 0);
    }

    private void bind(PreparedStatement ps, int offset) throws SQLException {
        ps.setLong(offset + 1, seq);
        ps.setObject(offset + 2, OffsetDateTime.ofInstant(time, ZoneOffset.UTC));
        List<@Nullable String> fields = CanonicalEntry.fields(event);
        for (int i = 0; i < fields.size(); i++) {
            ps.setString(offset + 3 + i, fields.get(i));
        }
        ps.setBytes(offset + 18, leafHash);
    }

    public static StoredEntry read(ResultSet rs) throws SQLException {
        AuditEvent event = new AuditEvent(
                rs.getString("action"),
                Outcome.valueOf(rs.getString("outcome")),
                rs.getString("reason"),
                rs.getString("actor_id"),
                rs.getString("actor_role"),
                rs.getString("session_ref"),
                rs.getString("auth_method"),
                rs.getString("resource_type"),
                rs.getString("resource_id"),
                rs.getString("patient_id"),
                rs.getString("visit_id"),
                PurposeOfUse.valueOf(rs.getString("purpose")),
                rs.getString("source_address"),
                rs.getString("device_id"),
                rs.getString("request_id"));
        Instant time = rs.getObject("recorded_at", OffsetDateTime.class).toInstant();
        return new StoredEntry(rs.getLong("seq"), time, event, rs.getBytes("leaf_hash"));
    }
}
