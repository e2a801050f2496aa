package health.securevisit.audit.internal;

import health.securevisit.audit.AuditUnavailableException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import javax.sql.DataSource;
import org.springframework.stereotype.Component;

/** The stored checkpoints (audit_checkpoint): append one, read the latest or one of a given size. */
@Component
public class Checkpoints {

    /** A signed checkpoint as stored. */
    public record Stored(long treeSize, byte[] root, String note, Instant signedAt) {}

    private static final String SELECT = "SELECT tree_size, root_hash, note, signed_at FROM audit_checkpoint";
    private final DataSource dataSource;

    Checkpoints(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Stores a checkpoint; false if one of that size exists already (signed by another node). */
    boolean add(Stored checkpoint) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "INSERT INTO audit_checkpoint (tree_size, root_hash, note, signed_at) VALUES (?, ?, ?, ?)")) {
            ps.setLong(1, checkpoint.treeSize());
            ps.setBytes(2, checkpoint.root());
            ps.setString(3, checkpoint.note());
            ps.setObject(4, OffsetDateTime.ofInstant(checkpoint.signedAt(), ZoneOffset.UTC));
            ps.executeUpdate();
            return true;
        } catch (SQLException e) {
            if ("23505".equals(e.getSQLState())) {
                return false;
            }
            throw new AuditUnavailableException(e);
        }
    }

    Optional<Stored> latest() {
        return one(SELECT + " ORDER BY tree_size DESC LIMIT 1", -1);
    }

    Optional<Stored> ofSize(long size) {
        return one(SELECT + " WHERE tree_size = ?", size);
    }

    /** The first checkpoint that includes entry {@code seq}. */
    Optional<Stored> covering(long seq) {
        return one(SELECT + " WHERE tree_size > ? ORDER BY tree_size LIMIT 1", seq);
    }

    private Optional<Stored> one(String sql, long arg) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            if (arg >= 0) {
                ps.setLong(1, arg);
            }
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(read(rs)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new AuditUnavailableException(e);
        }
    }

    static Stored read(ResultSet rs) throws SQLException {
        return new Stored(
                rs.getLong(1),
                rs.getBytes(2),
                rs.getString(3),
                rs.getObject(4, OffsetDateTime.class).toInstant());
    }
}
