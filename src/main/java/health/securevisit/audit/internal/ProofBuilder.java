package health.securevisit.audit.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * Builds RFC 6962 inclusion and consistency proofs (RFC 9162 sections 2.1.3.1 and 2.1.4.1) from a
 * source of subtree hashes, so that a proof needs O(log n) subtree hashes and never the whole tree.
 */
final class ProofBuilder {

    /** Hashes of the perfect subtree of {@code 2^level} leaves at {@code index} on that level. */
    interface PerfectSubtrees {
        byte[] hash(int level, long index);
    }

    private final PerfectSubtrees perfect;

    ProofBuilder(PerfectSubtrees perfect) {
        this.perfect = perfect;
    }

    /** MTH(D[from:to]) for a non-empty range of leaves. */
    byte[] rangeHash(long from, long to) {
        long n = to - from;
        if (Long.bitCount(n) == 1 && from % n == 0) {
            return perfect.hash(Long.numberOfTrailingZeros(n), from / n);
        }
        long k = largestPowerOfTwoBelow(n);
        return MerkleHashes.node(rangeHash(from, from + k), rangeHash(from + k, to));
    }

    byte[] root(long size) {
        return size == 0 ? MerkleHashes.emptyRoot() : rangeHash(0, size);
    }

    List<byte[]> inclusion(long index, long size) {
        if (index < 0 || index >= size) {
            throw new IllegalArgumentException("index outside the tree");
        }
        List<byte[]> out = new ArrayList<>();
        path(index, 0, size, out);
        return out;
    }

    private void path(long m, long from, long to, List<byte[]> out) {
        if (to - from == 1) {
            return;
        }
        long k = largestPowerOfTwoBelow(to - from);
        if (m < from + k) {
            path(m, from, from + k, out);
            out.add(rangeHash(from + k, to));
        } else {
            path(m, from + k, to, out);
            out.add(rangeHash(from, from + k));
        }
    }

    List<byte[]> consistency(long size1, long size2) {
        if (size1 < 0 || size2 < size1) {
            throw new IllegalArgumentException("sizes out of order");
        }
        List<byte[]> out = new ArrayList<>();
        if (size1 > 0 && size1 < size2) {
            subproof(size1, 0, size2, true, out);
        }
        return out;
    }

    private void subproof(long m, long from, long to, boolean start, List<byte[]> out) {
        long n = to - from;
        if (m == n) {
            if (!start) {
                out.add(rangeHash(from, to));
            }
            return;
        }
        long k = largestPowerOfTwoBelow(n);
        if (m <= k) {
            subproof(m, from, from + k, start, out);
            out.add(rangeHash(from + k, to));
        } else {
            subproof(m - k, from + k, to, false, out);
            out.add(rangeHash(from, from + k));
        }
    }

    static long largestPowerOfTwoBelow(long n) {
        return Long.highestOneBit(n - 1);
    }
}
