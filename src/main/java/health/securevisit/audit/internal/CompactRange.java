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

    /**
     * Appends the root of a perfect subtree of {@code 2^level} leaves that starts at this range's
     * size (which must be a multiple of its leaf count); {@code completed} receives each larger
     * perfect subtree this completes.
     */
    void appendSubtree(int level, byte[] hash, List<Node> completed) {
        if (size % (1L << level) != 0) {
            throw new IllegalArgumentException("a subtree of level " + level + " cannot start at " + size);
        }
        byte[] h = hash;
        long index = size >>> level;
        int at = level;
        while (((size >>> at) & 1) == 1) {
            h = MerkleHashes.node(hashes.removeLast(), h);
            at++;
            index >>>= 1;
            completed.add(new Node(at, index, h));
        }
        hashes.add(h);
        size += 1L << level;
    }

    /** Appends the subtrees of {@code tail}, a range over the leaves right after this one's. */
    void appendAll(CompactRange tail) {
        List<Node> ignored = new ArrayList<>();
        int i = 0;
        for (int level = 63; level >= 0; level--) {
            if (((tail.size >>> level) & 1) == 1) {
                appendSubtree(level, tail.hashes.get(i++), ignored);
            }
        }
    }

    /**
     * The root of the tree made of this range followed by {@code tail}, a range over the leaves right
     * after this one's whose subtrees are all smaller than this range's smallest (as when this range's
     * size is a multiple of a power of two no smaller than the tail's size).
     */
    byte[] rootFollowedBy(CompactRange tail) {
        List<byte[]> all = new ArrayList<>(hashes);
        all.addAll(tail.hashes);
        return fold(all);
    }

    byte[] root() {
        return fold(hashes);
    }

    /** The root over perfect subtree roots, largest first: each folded into the right as its left sibling. */
    private static byte[] fold(List<byte[]> roots) {
        if (roots.isEmpty()) {
            return MerkleHashes.emptyRoot();
        }
        byte[] r = roots.getLast();
        for (int i = roots.size() - 2; i >= 0; i--) {
            r = MerkleHashes.node(roots.get(i), r);
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
