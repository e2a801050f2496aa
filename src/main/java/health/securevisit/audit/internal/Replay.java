package health.securevisit.audit.internal;

import java.security.MessageDigest;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The verifier's replay of the entries onto a tree, hashed in parallel: the reading thread cuts the
 * entries into chunks of {@link #CHUNK} positions; workers recompute each chunk's canonical encodings
 * and leaf hashes, compare them with the recorded ones and, for a chunk aligned on its size, hash its
 * whole subtree (checking the stored nodes inside it and keeping the chunk's own compact range at
 * every signed tree size inside it); the reading thread joins the chunks in order, so findings and
 * checkpoint comparisons are exactly those of a sequential replay.
 */
final class Replay {

    /** Entries per chunk: a perfect subtree of level 12. */
    static final int CHUNK_LEVEL = 12;

    static final int CHUNK = 1 << CHUNK_LEVEL;

    /** A finding about one position: {@code bad} is the position it makes unprovable. */
    private record Finding(long position, long bad, String text, boolean aboutEntry) {}

    /** A hashed chunk. */
    private record Chunk(
            long start,
            byte[][] leaves,
            List<Finding> findings,
            long bytes,
            byte[] subtreeRoot,
            NavigableMap<Long, CompactRange> prefixes) {}

    private final TreeMap<Long, byte[]> signed;
    private final Map<String, byte[]> nodes;
    private final VerificationReport report;
    private final CompactRange range;
    private final int threads;
    private final List<CompactRange.Node> completed = new ArrayList<>();
    private final TreeSet<Long> entryFindings = new TreeSet<>();
    private long provenUpTo;
    private long evidence = -1;
    private CompactRange provenRange;

    Replay(
            TreeMap<Long, byte[]> signed,
            Map<String, byte[]> nodes,
            VerificationReport report,
            CompactRange start,
            int threads) {
        this.signed = signed;
        this.nodes = nodes;
        this.report = report;
        this.range = start.copy();
        this.threads = Math.max(1, threads);
        this.provenUpTo = start.size();
        this.provenRange = start.copy();
    }

    long size() {
        return range.size();
    }

    /** The compact range at the largest signed tree size that the replay proved. */
    CompactRange proven() {
        return provenRange;
    }

    void run(ResultSet rs) throws SQLException {
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "audit-verify-hash");
            t.setDaemon(true);
            return t;
        });
        ArrayDeque<Future<Chunk>> pending = new ArrayDeque<>();
        try {
            long position = range.size();
            List<StoredEntry> rows = new ArrayList<>();
            long chunkStart = position;
            while (rs.next()) {
                rows.add(StoredEntry.read(rs));
                position++;
                if (position % CHUNK == 0) {
                    submit(pool, pending, chunkStart, rows);
                    rows = new ArrayList<>();
                    chunkStart = position;
                }
            }
            if (!rows.isEmpty()) {
                submit(pool, pending, chunkStart, rows);
            }
            while (!pending.isEmpty()) {
                join(await(pending.removeFirst()));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private void submit(ExecutorService pool, ArrayDeque<Future<Chunk>> pending, long start, List<StoredEntry> rows) {
        NavigableMap<Long, byte[]> inside = signed.subMap(start, false, start + rows.size(), true);
        boolean aligned = start % CHUNK == 0 && rows.size() == CHUNK;
        pending.addLast(pool.submit(() -> hash(start, rows, aligned, inside)));
        while (pending.size() > threads * 2L) {
            join(await(pending.removeFirst()));
        }
    }

    private static Chunk await(Future<Chunk> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while verifying", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    /** Worker side: leaves, findings and, for an aligned chunk, its subtree. */
    private Chunk hash(long start, List<StoredEntry> rows, boolean aligned, NavigableMap<Long, byte[]> inside) {
        byte[][] leaves = new byte[rows.size()][];
        List<Finding> findings = new ArrayList<>();
        long bytes = 0;
        for (int i = 0; i < rows.size(); i++) {
            long position = start + i;
            StoredEntry row = rows.get(i);
            long bad = -1;
            if (row.seq() != position) {
                bad = position;
                findings.add(new Finding(
                        position,
                        position,
                        "entry " + position + " is missing or out of place (found " + row.seq()
                                + " there): deleted, inserted or reordered",
                        true));
            }
            byte[] encoded = CanonicalEntry.encode(position, row.time(), row.event());
            bytes += encoded.length;
            byte[] leaf = MerkleHashes.leaf(encoded);
            if (!MessageDigest.isEqual(leaf, row.leafHash())) {
                long origin = TrailVerifier.originalPosition(row, position);
                bad = bad < 0 ? Math.min(position, origin) : Math.min(bad, origin);
                findings.add(new Finding(
                        position,
                        bad,
                        "entry " + position + " does not match its recorded hash: "
                                + (origin == position
                                        ? "modified"
                                        : "it is the original entry " + origin + ", moved by an insertion or deletion"),
                        true));
            }
            leaves[i] = leaf;
        }
        if (!aligned) {
            return new Chunk(start, leaves, findings, bytes, new byte[0], new TreeMap<>());
        }
        CompactRange local = CompactRange.empty();
        List<CompactRange.Node> done = new ArrayList<>();
        NavigableMap<Long, CompactRange> prefixes = new TreeMap<>();
        for (int i = 0; i < leaves.length; i++) {
            local.append(leaves[i], done);
            for (CompactRange.Node n : done) {
                long index = (start >>> n.level()) + n.index();
                Finding f = nodeFinding(new CompactRange.Node(n.level(), index, n.hash()), findings);
                if (f != null) {
                    findings.add(f);
                }
            }
            done.clear();
            if (inside.containsKey(start + i + 1)) {
                prefixes.put(start + i + 1, local.copy());
            }
        }
        return new Chunk(start, leaves, findings, bytes, local.root(), prefixes);
    }

    /**
     * A stored node that differs from the recomputed one, unless an entry finding under it explains
     * the difference ({@code local}: the findings of the worker's chunk; null: those joined so far).
     */
    private @Nullable Finding nodeFinding(CompactRange.Node n, @Nullable List<Finding> local) {
        if (n.level() < AuditWriter.STORED_LEVEL) {
            return null;
        }
        byte[] stored = nodes.get(n.level() + "/" + n.index());
        if (stored != null && MessageDigest.isEqual(stored, n.hash())) {
            return null;
        }
        long first = n.index() << n.level();
        long last = first + (1L << n.level()) - 1;
        boolean explained = local == null
                ? entryFindings.ceiling(first) != null && entryFindings.ceiling(first) <= last
                : local.stream().anyMatch(f -> f.aboutEntry() && f.position() >= first && f.position() <= last);
        if (explained) {
            return null;
        }
        return new Finding(
                last,
                first,
                "stored tree node " + n.level() + "/" + n.index()
                        + " is missing or does not match the entries it covers",
                false);
    }

    /** Reading-thread side: findings and checkpoint comparisons in position order. */
    private void join(Chunk chunk) {
        report.bytesHashed += chunk.bytes();
        List<Finding> findings = chunk.findings();
        findings.sort(Comparator.comparingLong(Finding::position));
        int next = 0;
        if (chunk.subtreeRoot().length > 0) {
            for (Map.Entry<Long, CompactRange> p : chunk.prefixes().entrySet()) {
                next = take(findings, next, p.getKey());
                check(p.getKey(), range.rootFollowedBy(p.getValue()), () -> {
                    CompactRange r = range.copy();
                    r.appendAll(p.getValue());
                    return r;
                });
            }
            take(findings, next, Long.MAX_VALUE);
            range.appendSubtree(CHUNK_LEVEL, chunk.subtreeRoot(), completed);
            nodeFindings();
            return;
        }
        for (int i = 0; i < chunk.leaves().length; i++) {
            next = take(findings, next, chunk.start() + i + 1);
            range.append(chunk.leaves()[i], completed);
            nodeFindings();
            if (signed.containsKey(range.size())) {
                check(range.size(), range.root(), range::copy);
            }
        }
    }

    private void nodeFindings() {
        for (CompactRange.Node n : completed) {
            Finding f = nodeFinding(n, null);
            if (f != null) {
                note(f);
            }
        }
        completed.clear();
    }

    /** Notes the findings at positions below {@code before}; returns the index of the next one. */
    private int take(List<Finding> findings, int from, long before) {
        int i = from;
        while (i < findings.size() && findings.get(i).position() < before) {
            note(findings.get(i++));
        }
        return i;
    }

    private void note(Finding f) {
        report.problem(f.bad(), f.text());
        if (f.aboutEntry()) {
            entryFindings.add(f.position());
        }
        if (f.aboutEntry() && evidence < provenUpTo || f.bad() < evidence) {
            evidence = f.bad();
        }
    }

    private void check(long size, byte[] root, Supplier<CompactRange> rangeAt) {
        if (MessageDigest.isEqual(signed.get(size), root)) {
            provenUpTo = size;
            provenRange = rangeAt.get();
        } else {
            report.problem(
                    evidence >= provenUpTo ? evidence : provenUpTo,
                    "entries " + provenUpTo + ".." + (size - 1) + " do not match the signed checkpoint of tree size "
                            + size);
        }
    }
}
