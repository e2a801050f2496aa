package health.securevisit.audit.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * The right frontier of an RFC 6962 tree of {@code size} leaves: the roots of the perfect subtrees
 * that make up the tree, largest first (one per set bit of the size). Appending a leaf merges equal
 * subtrees; every perfect subtree completed on the way is reported, so that the caller can store the
 * interior nodes it needs for proofs. Appending and computing the root are O(log n).
 */
final class CompactRange {

    /** A perfect subtree: level (log2 of its leaf count), its index at that level, its hash. */
    record Node(int level, long index, byte[] hash) {}

    private final List<byte[]> hashes;
    private long size;

    private CompactRange(long size, List<byte[]> hashes) {
        this.size = size;
        this.hashes = hashes;
    }

    static CompactRange empty() {
        return new CompactRange(0, new ArrayList<>());
    }

    /** Restores a range from {@link #serialize()} of a tree of {@code size} leaves. */
    static CompactRange restore(long size, byte[] serialized) {
        int count = Long.bitCount(size);
        if (serialized.length != count * MerkleHashes.SIZE) {
            throw new IllegalStateException("the stored tree head does not match its size " + size);
        }
        List<byte[]> hashes = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            byte[] h = new byte[MerkleHashes.SIZE];
            System.arraycopy(serialized, i * MerkleHashes.SIZE, h, 0, MerkleHashes.SIZE);
            hashes.add(h);
        }
        return new CompactRange(size, hashes);
    }

    /** An independent copy (appending to it leaves this range as it is). */
    CompactRange copy() {
        return new CompactRange(size, new ArrayList<>(hashes));
    }

    long size() {
        return size;
    }

    /**
     * Appends a leaf hash; {@code completed} receives each perfect subtree of at least two leaves
     * that this leaf completes (lowest level first).
     */
    void append(byte[] leafHash, List<Node> completed) {
        byte[] h = leafHash;
        long index = size;
        int level = 0;
        while (((size >>> level) & 1) == 1) {
            h = MerkleHashes.node(hashes.removeLast(), h);
            level++;
            index >>>= 1;
            completed.add(new Node(level, index, h));
        }
        hashes.add(h);
        size++;
    }

    void append(byte[] leafHash) {
        byte[] h = leafHash;
        int level = 0;
        while (((size >>> level) & 1) == 1) {
            h = MerkleHashes.node(hashes.removeLast(), h);
            level++;
        }
        hashes.add(h);
        size++;
    }

    byte[] root() {
        if (hashes.isEmpty()) {
            return MerkleHashes.emptyRoot();
        }
        byte[] r = hashes.getLast();
        for (int i = hashes.size() - 2; i >= 0; i--) {
            r = MerkleHashes.node(hashes.get(i), r);
        }
        return r;
    }

    byte[] serialize() {
        byte[] out = new byte[hashes.size() * MerkleHashes.SIZE];
        for (int i = 0; i < hashes.size(); i++) {
            System.arraycopy(hashes.get(i), 0, out, i * MerkleHashes.SIZE, MerkleHashes.SIZE);
        }
        return out;
    }
}
