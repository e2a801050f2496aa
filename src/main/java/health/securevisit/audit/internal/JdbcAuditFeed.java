package health.securevisit.audit.internal;

import health.securevisit.audit.AuditFeed;
import health.securevisit.audit.AuditUnavailableException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.stereotype.Component;

/** {@link AuditFeed} over the stored entries (the same read the export sinks use). */
@Component
class JdbcAuditFeed implements AuditFeed {

    private final DataSource dataSource;

    JdbcAuditFeed(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public List<Entry> read(long fromSequence, int max) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "SELECT " + StoredEntry.COLUMNS + " FROM audit_entry WHERE seq >= ? ORDER BY seq LIMIT ?")) {
            ps.setLong(1, fromSequence);
            ps.setInt(2, max);
            List<Entry> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    StoredEntry e = StoredEntry.read(rs);
                    out.add(new Entry(e.seq(), e.time(), e.event()));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new AuditUnavailableException(e);
        }
    }

    @Override
    public long firstSequenceAt(Instant time) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "SELECT COALESCE(MIN(seq), (SELECT COALESCE(MAX(seq) + 1, 0) FROM audit_entry))"
                                + " FROM audit_entry WHERE recorded_at >= ?")) {
            ps.setObject(1, OffsetDateTime.ofInstant(time, ZoneOffset.UTC));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new AuditUnavailableException(e);
        }
    }

    @Override
    public List<String> patientsTouchedBy(String actorId, Instant from, Instant to, int max) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT DISTINCT patient_id FROM audit_entry"
                        + " WHERE actor_id = ? AND outcome = 'SUCCESS' AND patient_id IS NOT NULL"
                        + " AND recorded_at >= ? AND recorded_at < ? ORDER BY patient_id LIMIT ?")) {
            ps.setString(1, actorId);
            ps.setObject(2, OffsetDateTime.ofInstant(from, ZoneOffset.UTC));
            ps.setObject(3, OffsetDateTime.ofInstant(to, ZoneOffset.UTC));
            ps.setInt(4, max);
            List<String> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new AuditUnavailableException(e);
        }
    }
}
