package health.securevisit.audit.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;

/**
 * Writes one group in the committer's transaction. The tree head row is the lock that keeps sequence
 * numbers gap-free, also with several application nodes on one database: a group hashed ahead on the
 * expected head moves the head with one conditional UPDATE (size and root must still be the base;
 * the UPDATE takes the row lock), and only if that finds another head is the head read under
 * {@code FOR UPDATE} and the group hashed again on it. Then the entries go in (binary COPY on
 * PostgreSQL, multi-row INSERT elsewhere) and the completed subtrees from level 8. Used by the single
 * committer thread.
 */
final class GroupStore {

    private static final String MOVE_EXPECTED = "UPDATE audit_head SET tree_size = ?, root_hash = ?, frontier = ?"
            + " WHERE id = 1 AND tree_size = ? AND (tree_size = 0 OR root_hash = ?)";
    private static final String MOVE = "UPDATE audit_head SET tree_size = ?, root_hash = ?, frontier = ? WHERE id = 1";

    /**
     * PostgreSQL: the conditional head move and the subtrees in one statement (one round trip); the
     * subtrees go in only if the head moved. Answers how many head rows moved.
     */
    private static final String MOVE_EXPECTED_WITH_NODES = "WITH head AS (" + MOVE_EXPECTED + " RETURNING 1),"
            + " nodes AS (INSERT INTO audit_node (level, idx, hash)"
            + " SELECT * FROM unnest(?::smallint[], ?::bigint[], ?::bytea[]) WHERE EXISTS (SELECT 1 FROM head)"
            + " RETURNING 1)"
            + " SELECT (SELECT count(*) FROM head), (SELECT count(*) FROM nodes)";

    private GroupStore() {}

    /** Writes the group (or, if the head moved elsewhere, the group hashed again); returns what was written. */
    static Group write(Connection c, Group group, Clock clock) throws SQLException {
        boolean postgres = EntryCopy.supports(c);
        Group written = group;
        boolean nodesWritten = false;
        if (group.speculative && postgres) {
            nodesWritten = moveExpectedWithNodes(c, group);
        } else if (group.speculative) {
            nodesWritten = moveExpected(c, group) && insertNodes(c, group);
        }
        if (!nodesWritten) {
            written = group.rehash(head(c, true), clock);
            move(c, written);
            insertNodes(c, written);
        }
        if (postgres) {
            EntryCopy rows = written.rows;
            if (rows.rows() != written.entries.size()) { // not encoded ahead
                rows = new EntryCopy();
                written.entries.forEach(rows::add);
            }
            rows.copy(c, "audit_entry");
        } else {
            StoredEntry.insertAll(c, "audit_entry", written.entries);
        }
        return written;
    }

    /**
     * Writes entries that are already sequenced (the audit journal's) on the head they were hashed
     * on; if the database's head is elsewhere nothing is written and this fails: they are never
     * hashed again.
     */
    static void writeOnBase(Connection c, Group group) throws SQLException {
        if (!moveExpected(c, group)) {
            throw new SQLException("the audit tree head is not the one the journal continues");
        }
        insertNodes(c, group);
        StoredEntry.insertAll(c, "audit_entry", group.entries);
    }

    private static boolean moveExpected(Connection c, Group g) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(MOVE_EXPECTED)) {
            bindMove(ps, g, true);
            return ps.executeUpdate() == 1;
        }
    }

    private static boolean moveExpectedWithNodes(Connection c, Group g) throws SQLException {
        int n = g.nodes.size();
        Short[] levels = new Short[n];
        Long[] indexes = new Long[n];
        byte[][] hashes = new byte[n][];
        for (int i = 0; i < n; i++) {
            CompactRange.Node node = g.nodes.get(i);
            levels[i] = (short) node.level();
            indexes[i] = node.index();
            hashes[i] = node.hash();
        }
        try (PreparedStatement ps = c.prepareStatement(MOVE_EXPECTED_WITH_NODES)) {
            bindMove(ps, g, true);
            ps.setArray(6, c.createArrayOf("int2", levels));
            ps.setArray(7, c.createArrayOf("int8", indexes));
            ps.setArray(8, c.createArrayOf("bytea", hashes));
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next() || rs.getLong(1) != 1) {
                    return false;
                }
                if (rs.getLong(2) != n) {
                    throw new SQLException("stored " + rs.getLong(2) + " of " + n + " audit tree nodes");
                }
                return true;
            }
        }
    }

    private static void move(Connection c, Group g) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(MOVE)) {
            bindMove(ps, g, false);
            if (ps.executeUpdate() != 1) {
                throw new SQLException("the audit tree head is missing");
            }
        }
    }

    /** Binds the new head (parameters 1-3) and, if {@code expected}, the base it must replace (4-5). */
    private static void bindMove(PreparedStatement ps, Group g, boolean expected) throws SQLException {
        ps.setLong(1, g.endSize);
        ps.setBytes(2, g.endRoot);
        ps.setBytes(3, g.endFrontier);
        if (expected) {
            ps.setLong(4, g.baseSize);
            ps.setBytes(5, g.baseRoot);
        }
    }

    /** The committed head; if {@code lock}, locked until the end of the transaction. */
    static CompactRange head(Connection c, boolean lock) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                        "SELECT tree_size, frontier FROM audit_head WHERE id = 1" + (lock ? " FOR UPDATE" : ""));
                ResultSet rs = ps.executeQuery()) {
            if (!rs.next()) {
                throw new SQLException("the audit tree head is missing");
            }
            byte[] frontier = rs.getBytes(2);
            return CompactRange.restore(rs.getLong(1), frontier == null ? new byte[0] : frontier);
        }
    }

    /** Inserts the group's completed subtrees; true (for chaining). */
    private static boolean insertNodes(Connection c, Group g) throws SQLException {
        if (g.nodes.isEmpty()) {
            return true;
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO audit_node (level, idx, hash) VALUES (?, ?, ?)")) {
            for (CompactRange.Node n : g.nodes) {
                ps.setInt(1, n.level());
                ps.setLong(2, n.index());
                ps.setBytes(3, n.hash());
                ps.addBatch();
            }
            ps.executeBatch();
        }
        return true;
    }
}
