package health.securevisit.audit.internal;

import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * Recomputes the whole tree from the stored entries and checks it against every signed checkpoint:
 * the stored ones and, optionally, ones an outside party kept. Trusts nothing in the database but
 * the entries' fields; the only trust anchor is the public key. Streams the entries: O(n) time,
 * O(log n) memory besides the stored level-8+ nodes.
 */
public final class TrailVerifier {

    /** The key that checkpoints must be signed with; a null name means "the checkpoint's origin". */
    public record TrustedKey(@Nullable String name, byte[] publicKey) {}

    private final TrustedKey key;

    public TrailVerifier(TrustedKey key) {
        this.key = key;
    }

    public VerificationReport verify(Connection c, Collection<String> externalNotes) throws SQLException {
        long start = System.nanoTime();
        VerificationReport report = new VerificationReport();
        boolean autoCommit = c.getAutoCommit();
        c.setAutoCommit(false);
        c.setReadOnly(true);
        try {
            TreeMap<Long, byte[]> signed = signedRoots(c, externalNotes, report);
            Map<String, byte[]> nodes = storedNodes(c);
            replay(c, signed, nodes, report);
            report.checkpoints = signed.size();
            report.latestCheckpointSize = signed.isEmpty() ? 0 : signed.lastKey();
            report.nodes = nodes.size();
            c.commit();
        } finally {
            c.setReadOnly(false);
            c.setAutoCommit(autoCommit);
        }
        report.elapsedNanos = System.nanoTime() - start;
        return report;
    }

    private TreeMap<Long, byte[]> signedRoots(Connection c, Collection<String> external, VerificationReport report)
            throws SQLException {
        TreeMap<Long, byte[]> signed = new TreeMap<>();
        try (PreparedStatement ps = c.prepareStatement(
                        "SELECT tree_size, root_hash, note, signed_at FROM audit_checkpoint ORDER BY tree_size");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                Checkpoints.Stored row = Checkpoints.read(rs);
                Optional<CheckpointNote> note = open(row.note());
                if (note.isEmpty()) {
                    report.problem(
                            -1,
                            "checkpoint of tree size " + row.treeSize()
                                    + ": the signature does not verify with the trusted key (forged or altered)");
                } else if (note.get().size() != row.treeSize()
                        || !MessageDigest.isEqual(note.get().root(), row.root())) {
                    report.problem(
                            -1,
                            "checkpoint of tree size " + row.treeSize() + ": the stored size or root differs"
                                    + " from its signed note");
                } else {
                    addSigned(signed, note.get(), report);
                }
            }
        }
        for (String text : external) {
            Optional<CheckpointNote> note = open(text);
            if (note.isEmpty()) {
                report.problem(
                        -1,
                        "a kept checkpoint does not verify with the trusted key: "
                                + text.lines().limit(2).toList());
            } else {
                addSigned(signed, note.get(), report);
            }
        }
        return signed;
    }

    private Optional<CheckpointNote> open(String note) {
        String name = key.name() != null ? key.name() : note.lines().findFirst().orElse("");
        return CheckpointNote.open(note, name, key.publicKey());
    }

    private static void addSigned(TreeMap<Long, byte[]> signed, CheckpointNote note, VerificationReport report) {
        byte[] previous = signed.putIfAbsent(note.size(), note.root());
        if (previous != null && !MessageDigest.isEqual(previous, note.root())) {
            report.problem(
                    -1,
                    "two validly signed checkpoints of tree size " + note.size()
                            + " have different roots (split view)");
        }
    }

    private static Map<String, byte[]> storedNodes(Connection c) throws SQLException {
        Map<String, byte[]> nodes = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT level, idx, hash FROM audit_node");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                nodes.put(rs.getInt(1) + "/" + rs.getLong(2), rs.getBytes(3));
            }
        }
        return nodes;
    }

    /**
     * Replays the entries, recomputing each leaf from the entry's fields at its position. Local
     * evidence (a gap in the sequence numbers, or fields that do not match the recorded hash) names a
     * bad entry precisely; an entry that matches its recorded hash only at another position was moved
     * there by an insertion or deletion, which names the position it came from. A checkpoint that the
     * recomputed tree misses names the first local evidence after the last good checkpoint, or, if an
     * attacker left none (hashes recomputed), the first entry after the last good checkpoint.
     */
    private static void replay(
            Connection c, TreeMap<Long, byte[]> signed, Map<String, byte[]> nodes, VerificationReport report)
            throws SQLException {
        CompactRange range = CompactRange.empty();
        List<CompactRange.Node> completed = new ArrayList<>();
        long provenUpTo = 0;
        long evidence = -1;
        try (PreparedStatement ps =
                c.prepareStatement("SELECT " + StoredEntry.COLUMNS + " FROM audit_entry ORDER BY seq")) {
            ps.setFetchSize(10_000);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long position = range.size();
                    StoredEntry row = StoredEntry.read(rs);
                    long bad = -1;
                    if (row.seq() != position) {
                        bad = position;
                        report.problem(
                                position,
                                "entry " + position + " is missing or out of place (found " + row.seq()
                                        + " there): deleted, inserted or reordered");
                    }
                    byte[] encoded = CanonicalEntry.encode(position, row.time(), row.event());
                    report.bytesHashed += encoded.length;
                    byte[] leaf = MerkleHashes.leaf(encoded);
                    if (!MessageDigest.isEqual(leaf, row.leafHash())) {
                        long origin = originalPosition(row, position);
                        bad = bad < 0 ? Math.min(position, origin) : Math.min(bad, origin);
                        report.problem(
                                bad,
                                "entry " + position + " does not match its recorded hash: "
                                        + (origin == position
                                                ? "modified"
                                                : "it is the original entry " + origin
                                                        + ", moved by an insertion or deletion"));
                    }
                    if (bad >= 0 && (evidence < provenUpTo || bad < evidence)) {
                        evidence = bad;
                    }
                    range.append(leaf, completed);
                    checkNodes(completed, nodes, report);
                    byte[] want = signed.get(range.size());
                    if (want == null) {
                        continue;
                    }
                    if (MessageDigest.isEqual(want, range.root())) {
                        provenUpTo = range.size();
                    } else {
                        report.problem(
                                evidence >= provenUpTo ? evidence : provenUpTo,
                                "entries " + provenUpTo + ".."
                                        + (range.size() - 1) + " do not match the signed checkpoint of tree size "
                                        + range.size());
                    }
                }
            }
        }
        report.entries = range.size();
        Map.Entry<Long, byte[]> beyond = signed.higherEntry(range.size());
        if (beyond != null) {
            report.problem(
                    range.size(),
                    "the signed checkpoint of tree size " + beyond.getKey() + " covers entries " + range.size() + ".."
                            + (beyond.getKey() - 1) + " that are missing (deleted)");
        }
    }

    /** The position at which the row's fields match its recorded hash (up to 16 away), else its own. */
    private static long originalPosition(StoredEntry row, long position) {
        for (long d = 1; d <= 16; d++) {
            for (long candidate : new long[] {position - d, position + d}) {
                if (candidate >= 0
                        && MessageDigest.isEqual(
                                row.leafHash(),
                                MerkleHashes.leaf(CanonicalEntry.encode(candidate, row.time(), row.event())))) {
                    return candidate;
                }
            }
        }
        return position;
    }

    private static void checkNodes(List<CompactRange.Node> completed, Map<String, byte[]> nodes, VerificationReport r) {
        for (CompactRange.Node n : completed) {
            if (n.level() >= AuditWriter.STORED_LEVEL) {
                byte[] stored = nodes.get(n.level() + "/" + n.index());
                if (stored == null || !MessageDigest.isEqual(stored, n.hash())) {
                    r.problem(
                            n.index() << n.level(),
                            "stored tree node " + n.level() + "/" + n.index()
                                    + " is missing or does not match the entries it covers");
                }
            }
        }
        completed.clear();
    }
}
