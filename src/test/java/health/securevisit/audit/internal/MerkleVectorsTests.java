package health.securevisit.audit.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The RFC 6962 tree against the public test vectors of transparency-dev/merkle (testonly/constants.go):
 * eight leaf inputs, their node hashes and the roots of every tree size; proofs are checked against
 * the node hashes they must consist of (as in RFC 9162's examples) and with the verification
 * algorithms, including negative cases.
 */
class MerkleVectorsTests {

    static final HexFormat HEX = HexFormat.of();
    static final String[] LEAVES = {
        "", "00", "10", "2021", "3031", "40414243", "5051525354555657", "606162636465666768696a6b6c6d6e6f"
    };
    static final String[] ROOTS = {
        "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
        "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
        "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
        "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
        "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
        "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
        "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
        "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
        "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328"
    };
    // Node hashes of the 8-leaf tree: level 0 (leaves), level 1, level 2.
    static final String[][] NODES = {
        {
            "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
            "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
            "0298d122906dcfc10892cb53a73992fc5b9f493ea4c9badb27b791b4127a7fe7",
            "07506a85fd9dd2f120eb694f86011e5bb4662e5c415a62917033d4a9624487e7",
            "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
            "4271a26be0d8a84f0bd54c8c302e7cb3a3b5d1fa6780a40bcce2873477dab658",
            "b08693ec2e721597130641e8211e7eedccb4c26413963eee6c1e2ed16ffb1a5f",
            "46f6ffadd3d06a09ff3c5860d2755c8b9819db7df44251788c7d8e3180de8eb1"
        },
        {
            "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
            "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
            "0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
            "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0"
        },
        {
            "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
            "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4"
        }
    };

    static List<byte[]> leafHashes() {
        List<byte[]> out = new ArrayList<>();
        for (String l : LEAVES) {
            out.add(MerkleHashes.leaf(HEX.parseHex(l)));
        }
        return out;
    }

    /** Perfect subtrees hashed straight from the leaf hashes (what the stored tree provides). */
    static ProofBuilder builder(List<byte[]> leaves) {
        return new ProofBuilder((level, index) -> {
            List<byte[]> level0 = leaves.subList((int) (index << level), (int) ((index + 1) << level));
            List<byte[]> hs = new ArrayList<>(level0);
            while (hs.size() > 1) {
                List<byte[]> up = new ArrayList<>();
                for (int i = 0; i < hs.size(); i += 2) {
                    up.add(MerkleHashes.node(hs.get(i), hs.get(i + 1)));
                }
                hs = up;
            }
            return hs.getFirst();
        });
    }

    static List<String> hex(List<byte[]> proof) {
        return proof.stream().map(HEX::formatHex).toList();
    }

    @Test
    void compactRangeReproducesEveryPublishedRoot() {
        CompactRange range = CompactRange.empty();
        assertThat(HEX.formatHex(range.root())).isEqualTo(ROOTS[0]);
        List<byte[]> leaves = leafHashes();
        for (int n = 1; n <= 8; n++) {
            assertThat(HEX.formatHex(leaves.get(n - 1))).isEqualTo(NODES[0][n - 1]);
            range.append(leaves.get(n - 1));
            assertThat(HEX.formatHex(range.root())).as("root of size %d", n).isEqualTo(ROOTS[n]);
            CompactRange restored = CompactRange.restore(n, range.serialize());
            assertThat(HEX.formatHex(restored.root())).isEqualTo(ROOTS[n]);
            assertThat(HEX.formatHex(builder(leaves).root(n))).isEqualTo(ROOTS[n]);
        }
    }

    @Test
    void reportsTheCompletedPerfectSubtrees() {
        CompactRange range = CompactRange.empty();
        List<CompactRange.Node> completed = new ArrayList<>();
        leafHashes().forEach(l -> range.append(l, completed));
        assertThat(completed)
                .extracting(n -> n.level() + "/" + n.index() + "=" + HEX.formatHex(n.hash()))
                .containsExactly(
                        "1/0=" + NODES[1][0],
                        "1/1=" + NODES[1][1],
                        "2/0=" + NODES[2][0],
                        "1/2=" + NODES[1][2],
                        "1/3=" + NODES[1][3],
                        "2/1=" + NODES[2][1],
                        "3/0=" + ROOTS[8]);
    }

    @Test
    void inclusionProofsAreTheKnownPathsAndVerify() {
        List<byte[]> leaves = leafHashes();
        ProofBuilder b = builder(leaves);
        assertThat(hex(b.inclusion(0, 8))).containsExactly(NODES[0][1], NODES[1][1], NODES[2][1]);
        assertThat(hex(b.inclusion(5, 8))).containsExactly(NODES[0][4], NODES[1][3], NODES[2][0]);
        assertThat(hex(b.inclusion(2, 3))).containsExactly(NODES[1][0]);
        assertThat(hex(b.inclusion(1, 5))).containsExactly(NODES[0][0], NODES[1][1], NODES[0][4]);
        for (int size = 1; size <= 8; size++) {
            for (int i = 0; i < size; i++) {
                List<byte[]> proof = b.inclusion(i, size);
                byte[] root = HEX.parseHex(ROOTS[size]);
                assertThat(MerkleHashes.verifyInclusion(i, size, leaves.get(i), proof, root))
                        .isTrue();
                int other = (i + 1) % size;
                if (other != i) {
                    assertThat(MerkleHashes.verifyInclusion(other, size, leaves.get(i), proof, root))
                            .as("wrong index %d/%d", i, size)
                            .isFalse();
                }
                assertThat(MerkleHashes.verifyInclusion(i, size, leaves.get(i), proof, HEX.parseHex(ROOTS[0])))
                        .isFalse();
            }
        }
    }

    @Test
    void consistencyProofsAreTheKnownPathsAndVerify() {
        List<byte[]> leaves = leafHashes();
        ProofBuilder b = builder(leaves);
        assertThat(hex(b.consistency(1, 8))).containsExactly(NODES[0][1], NODES[1][1], NODES[2][1]);
        assertThat(hex(b.consistency(6, 8))).containsExactly(NODES[1][2], NODES[1][3], NODES[2][0]);
        assertThat(hex(b.consistency(2, 5))).containsExactly(NODES[1][1], NODES[0][4]);
        for (int m = 1; m <= 8; m++) {
            for (int n = m; n <= 8; n++) {
                List<byte[]> proof = b.consistency(m, n);
                byte[] r1 = HEX.parseHex(ROOTS[m]);
                byte[] r2 = HEX.parseHex(ROOTS[n]);
                assertThat(MerkleHashes.verifyConsistency(m, n, r1, r2, proof))
                        .as("%d->%d", m, n)
                        .isTrue();
                if (m < n) {
                    assertThat(MerkleHashes.verifyConsistency(m, n, r2, r1, proof))
                            .isFalse();
                    assertThat(MerkleHashes.verifyConsistency(m, n, HEX.parseHex(ROOTS[m - 1]), r2, proof))
                            .isFalse();
                }
            }
        }
    }
}
