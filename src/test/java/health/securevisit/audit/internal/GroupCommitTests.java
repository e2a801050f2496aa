package health.securevisit.audit.internal;

import static org.assertj.core.api.Assertions.assertThat;

import health.securevisit.audit.AuditRecord;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Many concurrent callers: events are committed several per transaction, sequence numbers are
 * gap-free and unique, the stored tree (leaf hashes and nodes from level 8) gives proofs that verify
 * against the head, and the whole trail verifies.
 */
class GroupCommitTests {

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void concurrentEventsAreGroupCommittedGapFreeAndProvable(String vendor) throws Exception {
        try (TrailFixture trail = TrailFixture.of(vendor, dir)) {
            int n = 700;
            ConcurrentLinkedQueue<AuditRecord> records = new ConcurrentLinkedQueue<>();
            try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
                for (int i = 0; i < n; i++) {
                    int id = i;
                    pool.submit(() -> records.add(trail.record(id)));
                }
            }
            assertThat(records.stream().map(AuditRecord::sequence).sorted())
                    .containsExactlyElementsOf(LongStream.range(0, n).boxed().toList());
            assertThat(trail.writer.commits()).isLessThan(n);

            TreeReader.Head head = trail.tree.head();
            assertThat(head.size()).isEqualTo(n);
            for (long i : List.of(0L, 255L, 256L, 511L, 512L, 699L)) {
                List<byte[]> proof = trail.tree.inclusion(i, n);
                byte[] leaf = leafHash(trail, i);
                assertThat(MerkleHashes.verifyInclusion(i, n, leaf, proof, head.root()))
                        .as("entry %d", i)
                        .isTrue();
            }
            byte[] root300 = trail.tree.root(300);
            assertThat(MerkleHashes.verifyConsistency(300, n, root300, head.root(), trail.tree.consistency(300, n)))
                    .isTrue();
            trail.checkpointer.checkpointNow();
            VerificationReport report = trail.verify();
            assertThat(report.ok()).as(report.summary()).isTrue();
            assertThat(report.summary()).contains("stored tree nodes checked: 3");
        }
    }

    static byte[] leafHash(TrailFixture trail, long seq) throws Exception {
        try (var c = trail.dataSource.getConnection();
                var ps = c.prepareStatement("SELECT leaf_hash FROM audit_entry WHERE seq = ?")) {
            ps.setLong(1, seq);
            try (var rs = ps.executeQuery()) {
                assertThat(rs.next()).isTrue();
                return rs.getBytes(1);
            }
        }
    }
}
