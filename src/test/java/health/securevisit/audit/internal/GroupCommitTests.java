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

    /**
     * Two writers on one database (as two application nodes): each one's hashing ahead is on a head
     * the other keeps moving, so groups are hashed again under the head lock; the trail stays
     * gap-free, every receipt names the entry that holds its event, and the whole trail verifies.
     */
    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void twoWritersOnOneDatabaseStayGapFreeAndVerifiable(String vendor) throws Exception {
        try (TrailFixture trail = TrailFixture.of(vendor, dir)) {
            AuditWriter other = new AuditWriter(trail.dataSource, trail.settings, TrailFixture.CLOCK);
            other.start();
            int n = 600;
            ConcurrentLinkedQueue<AuditRecord> records = new ConcurrentLinkedQueue<>();
            java.util.Map<Long, String> requestOf = new java.util.concurrent.ConcurrentHashMap<>();
            try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
                for (int i = 0; i < n; i++) {
                    int id = i;
                    pool.submit(() -> {
                        AuditRecord r = id % 2 == 0
                                ? trail.trail.record(TrailFixture.event(id))
                                : other.submit(TrailFixture.event(id));
                        records.add(r);
                        requestOf.put(r.sequence(), "req-" + id);
                    });
                }
            } finally {
                other.stop();
            }
            assertThat(records.stream().map(AuditRecord::sequence).sorted())
                    .containsExactlyElementsOf(LongStream.range(0, n).boxed().toList());
            assertThat(other.commits()).isPositive();
            assertThat(trail.writer.commits()).isPositive();
            try (var c = trail.dataSource.getConnection();
                    var ps = c.prepareStatement("SELECT seq, request_id FROM audit_entry");
                    var rs = ps.executeQuery()) {
                while (rs.next()) {
                    assertThat(rs.getString(2)).isEqualTo(requestOf.get(rs.getLong(1)));
                }
            }
            trail.checkpointer.checkpointNow();
            VerificationReport report = trail.verify();
            assertThat(report.ok()).as(report.summary()).isTrue();
        }
    }

    /** After a failed commit, the next groups are stored on the head the database really has. */
    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void aFailedCommitLeavesNoGapAndTheTrailVerifies(String vendor) throws Exception {
        try (TrailFixture trail = TrailFixture.of(vendor, dir)) {
            trail.recordRange(0, 300);
            try (var c = trail.dataSource.getConnection();
                    var s = c.createStatement()) {
                s.execute("ALTER TABLE audit_node RENAME TO audit_node_away");
            }
            int failed = 0;
            for (int i = 300; i < 600; i++) { // level-8 subtrees complete at 512: that group fails
                try {
                    trail.record(i);
                } catch (health.securevisit.audit.AuditUnavailableException e) {
                    failed++;
                }
            }
            assertThat(failed).isPositive();
            try (var c = trail.dataSource.getConnection();
                    var s = c.createStatement()) {
                s.execute("ALTER TABLE audit_node_away RENAME TO audit_node");
            }
            trail.recordRange(600, 1100);
            assertThat(trail.tree.head().size()).isEqualTo(1100 - failed);
            trail.checkpointer.checkpointNow();
            VerificationReport report = trail.verify();
            assertThat(report.ok()).as(report.summary()).isTrue();
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
