package health.securevisit.audit.internal;

import health.securevisit.audit.AuditUnavailableException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * The export outbox: the trail is the outbox, and each sink has a durable cursor (the next sequence
 * number to deliver), moved only after a delivery succeeded. Nothing is lost while a sink is down.
 */
@Component
public class ExportCursors {

    /** A sink's cursor: next entry to deliver, consecutive failures, last error (no content). */
    public record Cursor(
            String sink,
            long nextSeq,
            int failures,
            @Nullable String lastError) {}

    private final DataSource dataSource;
    private final Clock clock;

    ExportCursors(DataSource dataSource, Clock clock) {
        this.clock = clock;
        this.dataSource = dataSource;
    }

    Cursor get(String sink) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT next_seq, failures, last_error FROM audit_export_cursor WHERE sink = ?")) {
                ps.setString(1, sink);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        return new Cursor(sink, rs.getLong(1), rs.getInt(2), rs.getString(3));
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO audit_export_cursor"
                    + " (sink, next_seq, updated_at, failures) VALUES (?, 0, ?, 0)")) {
                ps.setString(1, sink);
                ps.setObject(2, now());
                ps.executeUpdate();
            }
            return new Cursor(sink, 0, 0, null);
        }
    }

    List<StoredEntry> pending(Cursor cursor, int max) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "SELECT " + StoredEntry.COLUMNS + " FROM audit_entry WHERE seq >= ? ORDER BY seq LIMIT ?")) {
            ps.setLong(1, cursor.nextSeq());
            ps.setInt(2, max);
            List<StoredEntry> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(StoredEntry.read(rs));
                }
            }
            return out;
        }
    }

    void delivered(String sink, long nextSeq) throws SQLException {
        update(
                "UPDATE audit_export_cursor SET next_seq = ?, updated_at = ?, failures = 0, last_error = NULL"
                        + " WHERE sink = ?",
                nextSeq,
                now(),
                sink);
    }

    void failed(String sink, String error) throws SQLException {
        update(
                "UPDATE audit_export_cursor SET failures = failures + 1, updated_at = ?, last_error = ? WHERE sink = ?",
                now(),
                error.length() > 256 ? error.substring(0, 256) : error,
                sink);
    }

    public List<Cursor> all() {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "SELECT sink, next_seq, failures, last_error FROM audit_export_cursor ORDER BY sink");
                ResultSet rs = ps.executeQuery()) {
            List<Cursor> out = new ArrayList<>();
            while (rs.next()) {
                out.add(new Cursor(rs.getString(1), rs.getLong(2), rs.getInt(3), rs.getString(4)));
            }
            return out;
        } catch (SQLException e) {
            throw new AuditUnavailableException(e);
        }
    }

    private void update(String sql, Object... args) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            ps.executeUpdate();
        }
    }

    private OffsetDateTime now() {
        return OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
    }
}
