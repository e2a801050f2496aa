package health.securevisit.audit.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.TreeMap;

/**
 * What an incremental verification checks besides the new entries: that the entry just before the
 * verified checkpoint is still there, and that the stored tree (the nodes and leaf hashes the server
 * builds auditors' proofs from) proves the latest checkpoint consistent with the verified one.
 */
final class Incremental {

    private Incremental() {}

    static void check(Connection c, TrailVerifier.Verified from, TreeMap<Long, byte[]> signed, VerificationReport r)
            throws SQLException {
        if (from.size() == 0) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT seq FROM audit_entry WHERE seq = ?")) {
            ps.setLong(1, from.size() - 1);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    r.problem(
                            from.size() - 1, "entry " + (from.size() - 1) + ", verified before, is missing (deleted)");
                    return;
                }
            }
        }
        long latest = signed.lastKey();
        if (latest == from.size()) {
            return;
        }
        List<byte[]> proof;
        try {
            proof = new ProofBuilder(TreeReader.subtrees(c)).consistency(from.size(), latest);
        } catch (IllegalStateException e) {
            r.problem(
                    -1,
                    "no consistency proof from the verified checkpoint of tree size " + from.size() + " to tree size "
                            + latest + ": " + e.getMessage());
            return;
        }
        if (!MerkleHashes.verifyConsistency(from.size(), latest, from.root(), signed.get(latest), proof)) {
            r.problem(
                    -1,
                    "the stored tree does not prove the checkpoint of tree size " + latest
                            + " consistent with the verified checkpoint of tree size " + from.size()
                            + ": entries before " + from.size() + " or their stored hashes were changed");
        }
    }
}
