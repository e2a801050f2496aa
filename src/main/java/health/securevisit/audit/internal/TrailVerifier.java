package health.securevisit.audit.internal;

import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
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

    /**
     * A checkpoint this verifier proved earlier: its tree size and root, and the compact range of the
     * tree at that size (the roots of its perfect subtrees, largest first), so that the next run
     * continues from there.
     */
    public record Verified(long size, byte[] root, byte[] frontier) {}

    private final TrustedKey key;
    private final int threads;

    public TrailVerifier(TrustedKey key) {
        this(key, Runtime.getRuntime().availableProcessors());
    }

    /** A verifier that hashes on {@code threads} threads. */
    public TrailVerifier(TrustedKey key, int threads) {
        this.key = key;
        this.threads = threads;
    }

    /** Verifies the whole trail. */
    public VerificationReport verify(Connection c, Collection<String> externalNotes) throws SQLException {
        return verify(c, externalNotes, null);
    }

    /**
     * Verifies the trail; with {@code from}, only the entries after that earlier proved checkpoint,
     * the checkpoints from its size on, and a consistency proof, built from the stored tree, from it
     * to the latest checkpoint (which shows that the stored tree still extends what was verified).
     */
    public VerificationReport verify(Connection c, Collection<String> externalNotes, @Nullable Verified from)
            throws SQLException {
        long start = System.nanoTime();
        VerificationReport report = new VerificationReport();
        boolean autoCommit = c.getAutoCommit();
        c.setAutoCommit(false);
        c.setReadOnly(true);
        try {
            CompactRange begin = from == null ? CompactRange.empty() : resume(from, report);
            TreeMap<Long, byte[]> signed = signedRoots(c, externalNotes, report, begin.size());
            if (from != null) {
                addSigned(signed, new CheckpointNote("", from.size(), from.root()), report);
            }
            Map<String, byte[]> nodes = storedNodes(c, begin.size());
            Replay replay = replay(c, signed, nodes, report, begin);
            PartitionCheck.check(c, report);
            if (from != null) {
                Incremental.check(c, from, signed, report);
            }
            report.checkpoints = signed.tailMap(begin.size(), from == null).size();
            report.latestCheckpointSize = signed.isEmpty() ? 0 : signed.lastKey();
            report.nodes = nodes.size();
            report.resumedFrom = from == null ? -1 : from.size();
            CompactRange proven = replay.proven();
            report.proven = new Verified(proven.size(), proven.root(), proven.serialize());
            c.commit();
        } finally {
            c.setReadOnly(false);
            c.setAutoCommit(autoCommit);
        }
        report.elapsedNanos = System.nanoTime() - start;
        return report;
    }

    private static CompactRange resume(Verified from, VerificationReport report) {
        CompactRange range;
        try {
            range = CompactRange.restore(from.size(), from.frontier());
        } catch (IllegalStateException e) {
            range = null;
        }
        if (range == null || !MessageDigest.isEqual(range.root(), from.root())) {
            report.problem(-1, "the record of the last verified checkpoint is inconsistent (altered): run --full");
            return CompactRange.empty();
        }
        return range;
    }

    private TreeMap<Long, byte[]> signedRoots(
            Connection c, Collection<String> external, VerificationReport report, long from) throws SQLException {
        TreeMap<Long, byte[]> signed = new TreeMap<>();
        try (PreparedStatement ps =
                c.prepareStatement("SELECT tree_size, root_hash, note, signed_at FROM audit_checkpoint"
                        + " WHERE tree_size >= ? ORDER BY tree_size")) {
            ps.setLong(1, from);
            try (ResultSet rs = ps.executeQuery()) {
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
        }
        for (String text : external) {
            Optional<CheckpointNote> note = open(text);
            if (note.isEmpty()) {
                report.problem(
                        -1,
                        "a kept checkpoint does not verify with the trusted key: "
                                + text.lines().limit(2).toList());
            } else if (note.get().size() >= from) {
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

    /** The stored nodes of the subtrees that end at or after leaf {@code from}. */
    private static Map<String, byte[]> storedNodes(Connection c, long from) throws SQLException {
        Map<String, byte[]> nodes = new HashMap<>();
        try (PreparedStatement ps =
                c.prepareStatement("SELECT level, idx, hash FROM audit_node WHERE level = ? AND idx >= ?")) {
            for (int level = AuditWriter.STORED_LEVEL; level < 63; level++) {
                ps.setInt(1, level);
                ps.setLong(2, from >>> level);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        nodes.put(rs.getInt(1) + "/" + rs.getLong(2), rs.getBytes(3));
                    }
                }
            }
        }
        return nodes;
    }

    /**
     * Replays the entries from {@code start}, recomputing each leaf from the entry's fields at its
     * position. Local evidence (a gap in the sequence numbers, or fields that do not match the
     * recorded hash) names a bad entry precisely; an entry that matches its recorded hash only at
     * another position was moved there by an insertion or deletion, which names the position it came
     * from. A checkpoint that the recomputed tree misses names the first local evidence after the last
     * good checkpoint, or, if an attacker left none (hashes recomputed), the first entry after the last
     * good checkpoint. Chunks of {@link Replay#CHUNK} entries are hashed in parallel.
     */
    private Replay replay(
            Connection c,
            TreeMap<Long, byte[]> signed,
            Map<String, byte[]> nodes,
            VerificationReport report,
            CompactRange start)
            throws SQLException {
        Replay replay = new Replay(signed, nodes, report, start, threads);
        try (PreparedStatement ps =
                c.prepareStatement("SELECT " + StoredEntry.COLUMNS + " FROM audit_entry WHERE seq >= ? ORDER BY seq")) {
            ps.setLong(1, start.size());
            ps.setFetchSize(10_000);
            try (ResultSet rs = ps.executeQuery()) {
                replay.run(rs);
            }
        }
        long size = replay.size();
        report.entries = size;
        Map.Entry<Long, byte[]> beyond = signed.higherEntry(size);
        if (beyond != null) {
            report.problem(
                    size,
                    "the signed checkpoint of tree size " + beyond.getKey() + " covers entries " + size + ".."
                            + (beyond.getKey() - 1) + " that are missing (deleted)");
        }
        return replay;
    }

    /** The position at which the row's fields match its recorded hash (up to 16 away), else its own. */
    static long originalPosition(StoredEntry row, long position) {
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

    static void checkNodes(List<CompactRange.Node> completed, Map<String, byte[]> nodes, VerificationReport r) {
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
