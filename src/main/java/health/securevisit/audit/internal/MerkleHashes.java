package health.securevisit.audit.internal;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.List;

/**
 * RFC 6962 (section 2.1) hashing and proof verification: leaf = SHA-256(0x00 || entry), node =
 * SHA-256(0x01 || left || right), the empty tree's root = SHA-256(""). The verification methods
 * follow RFC 9162 sections 2.1.3.2 and 2.1.4.2 and are what an outside verifier runs.
 */
public final class MerkleHashes {

    public static final int SIZE = 32;

    private static final ThreadLocal<MessageDigest> DIGEST = ThreadLocal.withInitial(MerkleHashes::sha256);

    private MerkleHashes() {}

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }

    public static byte[] leaf(byte[] entry) {
        MessageDigest d = DIGEST.get();
        d.update((byte) 0);
        return d.digest(entry);
    }

    public static byte[] node(byte[] left, byte[] right) {
        MessageDigest d = DIGEST.get();
        d.update((byte) 1);
        d.update(left);
        return d.digest(right);
    }

    public static byte[] emptyRoot() {
        return sha256().digest();
    }

    /** True if {@code proof} shows that the leaf {@code index} with {@code leafHash} is in the tree. */
    public static boolean verifyInclusion(long index, long treeSize, byte[] leafHash, List<byte[]> proof, byte[] root) {
        if (index < 0 || index >= treeSize) {
            return false;
        }
        long fn = index;
        long sn = treeSize - 1;
        byte[] r = leafHash;
        for (byte[] p : proof) {
            if (sn == 0) {
                return false;
            }
            if ((fn & 1) == 1 || fn == sn) {
                r = node(p, r);
                if ((fn & 1) == 0) {
                    while ((fn & 1) == 0 && fn != 0) {
                        fn >>= 1;
                        sn >>= 1;
                    }
                }
            } else {
                r = node(r, p);
            }
            fn >>= 1;
            sn >>= 1;
        }
        return sn == 0 && MessageDigest.isEqual(r, root);
    }

    /** True if {@code proof} shows that the tree {@code (size2, root2)} extends {@code (size1, root1)}. */
    public static boolean verifyConsistency(long size1, long size2, byte[] root1, byte[] root2, List<byte[]> proof) {
        if (size1 < 0 || size2 < size1) {
            return false;
        }
        if (size1 == size2) {
            return proof.isEmpty() && MessageDigest.isEqual(root1, root2);
        }
        if (size1 == 0) {
            return proof.isEmpty();
        }
        if (proof.isEmpty()) {
            return false;
        }
        List<byte[]> path = proof;
        if (Long.bitCount(size1) == 1) {
            path = new java.util.ArrayList<>(proof.size() + 1);
            path.add(root1);
            path.addAll(proof);
        }
        long fn = size1 - 1;
        long sn = size2 - 1;
        while ((fn & 1) == 1) {
            fn >>= 1;
            sn >>= 1;
        }
        byte[] fr = path.getFirst();
        byte[] sr = path.getFirst();
        for (byte[] c : path.subList(1, path.size())) {
            if (sn == 0) {
                return false;
            }
            if ((fn & 1) == 1 || fn == sn) {
                fr = node(c, fr);
                sr = node(c, sr);
                while ((fn & 1) == 0 && fn != 0) {
                    fn >>= 1;
                    sn >>= 1;
                }
            } else {
                sr = node(sr, c);
            }
            fn >>= 1;
            sn >>= 1;
        }
        return sn == 0 && MessageDigest.isEqual(fr, root1) && MessageDigest.isEqual(sr, root2);
    }

    static boolean equal(byte[] a, byte[] b) {
        return Arrays.equals(a, b);
    }
}
