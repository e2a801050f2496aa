package health.securevisit.audit.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The verifier hashes chunks of 4,096 entries on several threads and joins them in order: a trail of
 * 9,000 entries (two whole chunks and a partial one) with checkpoints inside a chunk (5,000), at a
 * chunk's end (8,192) and in the partial chunk (9,000). Findings are those of a sequential replay.
 */
class ParallelVerifyTests {

    @TempDir
    Path dir;

    TrailFixture trail;

    @AfterEach
    void close() {
        if (trail != null) {
            trail.close();
        }
    }

    TrailFixture nineThousand(String vendor) {
        trail = TrailFixture.of(vendor, dir);
        trail.recordConcurrently(0, 5000);
        assertThat(trail.checkpointer.checkpointNow()).isEqualTo(5000);
        trail.recordConcurrently(5000, 8192);
        assertThat(trail.checkpointer.checkpointNow()).isEqualTo(8192);
        trail.recordConcurrently(8192, 9000);
        assertThat(trail.checkpointer.checkpointNow()).isEqualTo(9000);
        return trail;
    }

    VerificationReport verify(int threads) throws Exception {
        try (Connection c = trail.dataSource.getConnection()) {
            return new TrailVerifier(
                            new TrailVerifier.TrustedKey("securevisit.test/audit", trail.signer.publicKey()), threads)
                    .verify(c, List.of());
        }
    }

    String bytes(byte[] b) {
        String hex = HexFormat.of().formatHex(b);
        return trail.vendor.equals("h2") ? "X'" + hex + "'" : "'\\x" + hex + "'::bytea";
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void intactTrailVerifiesOnOneAndOnFourThreads(String vendor) throws Exception {
        nineThousand(vendor);
        for (int threads : new int[] {1, 4}) {
            VerificationReport report = verify(threads);
            assertThat(report.ok()).as(report.summary()).isTrue();
            assertThat(report.entries()).isEqualTo(9000);
            assertThat(report.checkpoints()).isEqualTo(3);
            assertThat(report.proven())
                    .get()
                    .extracting(TrailVerifier.Verified::size)
                    .isEqualTo(9000L);
            assertThat(report.proven().get().root()).isEqualTo(trail.tree.root(9000));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void modifiedEntryInsideAWholeChunkIsNamed(String vendor) throws Exception {
        nineThousand(vendor).tamper("UPDATE audit_entry SET actor_id = 'mallory' WHERE seq = 6000");
        VerificationReport report = verify(4);
        assertThat(report.firstBadSequence()).as(report.summary()).contains(6000L);
        assertThat(report.summary())
                .as("the stored nodes above entry 6000 differ because of it, and are not named")
                .doesNotContain("problem: stored tree node")
                .contains("entry 6000 does not match its recorded hash: modified")
                .contains("entries 5000..8191 do not match the signed checkpoint of tree size 8192");
        assertThat(report.proven().get().size()).isEqualTo(5000);
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void recomputedHashInsideAChunkIsCaughtByTheCheckpointInsideIt(String vendor) throws Exception {
        nineThousand(vendor);
        // a time in the current month: PostgreSQL keeps partitions for it (and none for long-past months)
        Instant time = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        byte[] leaf = MerkleHashes.leaf(CanonicalEntry.encode(4500, time, TrailFixture.event(1)));
        trail.tamper("DELETE FROM audit_entry WHERE seq = 4500");
        trail.insertRaw(new StoredEntry(4500, time, TrailFixture.event(1), leaf));
        VerificationReport report = verify(4);
        assertThat(report.firstBadSequence()).contains(0L);
        assertThat(report.summary())
                .contains("entries 0..4999 do not match the signed checkpoint of tree size 5000")
                .contains("stored tree node 8/17 is missing or does not match")
                .doesNotContain("entry 4500");
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void alteredStoredNodeIsNamed(String vendor) throws Exception {
        nineThousand(vendor).tamper("DELETE FROM audit_node WHERE level = 9 AND idx = 13");
        VerificationReport report = verify(4);
        assertThat(report.ok()).isFalse();
        assertThat(report.summary()).contains("stored tree node 9/13 is missing or does not match");
        assertThat(report.firstBadSequence()).contains(13L << 9);
    }
}
