package health.securevisit.audit.internal;

import health.securevisit.audit.AuditUnavailableException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.stereotype.Component;

/**
 * Reads the stored tree: the head, perfect subtree hashes (stored nodes from level 8 up, lower levels
 * hashed from at most 256 stored leaf hashes) and from them inclusion and consistency proofs.
 */
@Component
class TreeReader {

    /** The committed tree head: size and root. */
    record Head(long size, byte[] root) {}

    private final DataSource dataSource;

    TreeReader(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    Head head() {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT tree_size, root_hash FROM audit_head WHERE id = 1");
                ResultSet rs = ps.executeQuery()) {
            if (!rs.next()) {
                throw new IllegalStateException("the audit tree head is missing");
            }
            byte[] root = rs.getBytes(2);
            return new Head(rs.getLong(1), root == null ? MerkleHashes.emptyRoot() : root);
        } catch (SQLException e) {
            throw new AuditUnavailableException(e);
        }
    }

    List<byte[]> inclusion(long index, long size) {
        return withConnection(c -> new ProofBuilder(subtrees(c)).inclusion(index, size));
    }

    List<byte[]> consistency(long size1, long size2) {
        return withConnection(c -> new ProofBuilder(subtrees(c)).consistency(size1, size2));
    }

    byte[] root(long size) {
        return withConnection(c -> new ProofBuilder(subtrees(c)).root(size));
    }

    private interface Work<T> {
        T apply(Connection c) throws SQLException;
    }

    private <T> T withConnection(Work<T> work) {
        try (Connection c = dataSource.getConnection()) {
            return work.apply(c);
        } catch (SQLException e) {
            throw new AuditUnavailableException(e);
        }
    }

    static ProofBuilder.PerfectSubtrees subtrees(Connection c) {
        return (level, index) -> {
            try {
                return level >= AuditWriter.STORED_LEVEL ? storedNode(c, level, index) : fromLeaves(c, level, index);
            } catch (SQLException e) {
                throw new AuditUnavailableException(e);
            }
        };
    }

    private static byte[] storedNode(Connection c, int level, long index) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT hash FROM audit_node WHERE level = ? AND idx = ?")) {
            ps.setInt(1, level);
            ps.setLong(2, index);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new IllegalStateException("tree node " + level + "/" + index + " is missing");
                }
                return rs.getBytes(1);
            }
        }
    }

    private static byte[] fromLeaves(Connection c, int level, long index) throws SQLException {
        long first = index << level;
        long count = 1L << level;
        List<byte[]> hashes = new ArrayList<>((int) count);
        try (PreparedStatement ps =
                c.prepareStatement("SELECT leaf_hash FROM audit_entry WHERE seq >= ? AND seq < ? ORDER BY seq")) {
            ps.setLong(1, first);
            ps.setLong(2, first + count);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    hashes.add(rs.getBytes(1));
                }
            }
        }
        if (hashes.size() != count) {
            throw new IllegalStateException("leaves " + first + ".." + (first + count - 1) + " are incomplete");
        }
        while (hashes.size() > 1) {
            List<byte[]> up = new ArrayList<>(hashes.size() / 2);
            for (int i = 0; i < hashes.size(); i += 2) {
                up.add(MerkleHashes.node(hashes.get(i), hashes.get(i + 1)));
            }
            hashes = up;
        }
        return hashes.getFirst();
    }
}
