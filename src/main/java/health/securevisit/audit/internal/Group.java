package health.securevisit.audit.internal;

import health.securevisit.audit.AuditEvent;
import health.securevisit.audit.AuditRecord;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/**
 * The events of one group commit and what they add to the tree: their entries (sequence number,
 * time, leaf hash), the completed subtrees to store and the tree head after them, hashed on top of
 * a base head (size and root). The sequencer hashes a group ahead of its commit on the head it
 * expects; the committer stores it only if the database's head is still that base, and otherwise
 * hashes it again on the real head ({@link #rehash}). Not thread-safe: handed from one thread to
 * the next under the writer's lock.
 */
final class Group {

    /** An event waiting for its commit, and the caller's receipt. */
    record Pending(AuditEvent event, CompletableFuture<AuditRecord> done) {}

    final List<Pending> pending = new ArrayList<>();
    final List<StoredEntry> entries = new ArrayList<>();
    final List<CompactRange.Node> nodes = new ArrayList<>();
    /** The entries as binary COPY rows, when encoded while hashing (on PostgreSQL), else empty. */
    final EntryCopy rows = new EntryCopy();

    private final boolean encodeRows;
    private final List<CompactRange.Node> completed = new ArrayList<>();
    /** False once the group's entries do not follow one another from its base (then rehash). */
    boolean speculative = true;

    long baseSize = -1;
    byte[] baseRoot = new byte[0];
    long endSize;
    byte[] endRoot = new byte[0];
    byte[] endFrontier = new byte[0];

    /** @param encodeRows whether to encode the entries as COPY rows while hashing them */
    Group(boolean encodeRows) {
        this.encodeRows = encodeRows;
    }

    int size() {
        return pending.size();
    }

    boolean isEmpty() {
        return pending.isEmpty();
    }

    /**
     * Hashes {@code events} at time {@code now} onto {@code range} (which moves on), appends them to
     * this group and records the head after them. {@code baseRoot} is the root of {@code range}
     * before; the group's base is set by its first chunk, and a chunk that does not start at the
     * group's end makes the group non-speculative.
     */
    void hash(List<Pending> events, CompactRange range, byte[] rangeRoot, Instant now) {
        if (pending.isEmpty()) {
            baseSize = range.size();
            baseRoot = rangeRoot;
        } else if (range.size() != endSize) {
            speculative = false;
        }
        for (Pending p : events) {
            long seq = range.size();
            byte[] @Nullable [] fields = CanonicalEntry.fieldBytes(p.event());
            byte[] leaf = MerkleHashes.leaf(CanonicalEntry.encode(seq, now, fields));
            entries.add(new StoredEntry(seq, now, p.event(), leaf));
            if (encodeRows) {
                rows.add(seq, now, fields, leaf);
            }
            pending.add(p);
            range.append(leaf, completed);
        }
        end(range);
    }

    /** Keeps the completed subtrees that are stored and records {@code range} as the head after the group. */
    private void end(CompactRange range) {
        for (CompactRange.Node n : completed) {
            if (n.level() >= AuditWriter.STORED_LEVEL) {
                nodes.add(n);
            }
        }
        completed.clear();
        endSize = range.size();
        endRoot = range.root();
        endFrontier = range.serialize();
    }

    /**
     * A group of entries that are already sequenced and hashed (the audit journal's), on the head
     * {@code base} (not changed): their completed subtrees and the head after them.
     */
    static Group ofEntries(List<StoredEntry> sequenced, CompactRange base) {
        Group g = new Group(false);
        CompactRange range = base.copy();
        g.baseSize = range.size();
        g.baseRoot = range.root();
        for (StoredEntry e : sequenced) {
            if (e.seq() != range.size()) {
                throw new IllegalArgumentException("entry " + e.seq() + " does not follow " + range.size());
            }
            g.entries.add(e);
            range.append(e.leafHash(), g.completed);
        }
        g.end(range);
        return g;
    }

    /** Adds a chunk hashed after this group's events (by the sequencer) to this group. */
    void append(Group chunk) {
        if (pending.isEmpty()) {
            baseSize = chunk.baseSize;
            baseRoot = chunk.baseRoot;
            speculative = chunk.speculative;
        } else if (chunk.baseSize != endSize || !MerkleHashes.equal(chunk.baseRoot, endRoot) || !chunk.speculative) {
            speculative = false;
        }
        pending.addAll(chunk.pending);
        entries.addAll(chunk.entries);
        nodes.addAll(chunk.nodes);
        rows.addAll(chunk.rows);
        endSize = chunk.endSize;
        endRoot = chunk.endRoot;
        endFrontier = chunk.endFrontier;
    }

    /** True if this group was hashed, in one chain, on the head of {@code size} leaves and {@code root}. */
    boolean follows(long size, byte[] root) {
        return speculative && baseSize == size && MerkleHashes.equal(baseRoot, root);
    }

    /** The same events hashed again on {@code range} (a head known to the committer). */
    Group rehash(CompactRange range, Clock clock) {
        Group again = new Group(encodeRows);
        again.hash(pending, range, range.root(), CanonicalEntry.storedTime(clock.instant()));
        return again;
    }

    List<AuditRecord> receipts() {
        List<AuditRecord> out = new ArrayList<>(entries.size());
        for (StoredEntry e : entries) {
            out.add(new AuditRecord(e.seq(), e.time()));
        }
        return out;
    }
}
