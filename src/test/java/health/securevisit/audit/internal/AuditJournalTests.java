package health.securevisit.audit.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import health.securevisit.audit.AuditRecord;
import health.securevisit.audit.AuditUnavailableException;
import health.securevisit.platform.StartupException;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded database's audit journal, on a real migrated H2 database: concurrent appends are
 * sequenced gap-free, written to the mapped files in sequence order, indexed into the trail's tables
 * and verify; the two files take turns under sustained load and a file grows while the index lags;
 * what a crash leaves in the files is replayed at the next start (a record cut short or without its
 * length is dropped, a record that does not continue the tree or is damaged refuses the start);
 * while the index cannot commit, events are refused and none that was accepted is lost; a backlog
 * beyond its bound waits, then refuses.
 */
class AuditJournalTests {

    @TempDir
    Path dir;

    private AuditJournal journal(TrailFixture trail) {
        return journal(trail, trail.settings, AuditJournal.SWITCH_BYTES, JournalFiles.MSYNC);
    }

    private AuditJournal journal(TrailFixture trail, long switchBytes) {
        return journal(trail, trail.settings, switchBytes, JournalFiles.MSYNC);
    }

    private AuditJournal journal(
            TrailFixture trail, AuditSettings settings, long switchBytes, JournalFiles.Force force) {
        return new AuditJournal(trail.dataSource, settings, TrailFixture.CLOCK, journalFile(), switchBytes, force);
    }

    private Path journalFile() {
        return dir.resolve("journal").resolve("journal");
    }

    @Test
    void concurrentAppendsAreIndexedGapFreeProvableAndOnDiskInSequenceOrder() throws Exception {
        try (TrailFixture trail = TrailFixture.h2(dir)) {
            AuditJournal journal = journal(trail);
            journal.start();
            assertThat(journal.active()).isTrue();
            int n = 700;
            ConcurrentLinkedQueue<AuditRecord> records = new ConcurrentLinkedQueue<>();
            try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
                for (int i = 0; i < n; i++) {
                    int id = i;
                    pool.submit(() -> records.add(journal.append(TrailFixture.event(id))));
                }
            }
            assertThat(records.stream().map(AuditRecord::sequence).sorted())
                    .containsExactlyElementsOf(LongStream.range(0, n).boxed().toList());
            journal.awaitIndexed();
            TreeReader.Head head = trail.tree.head();
            assertThat(head.size()).isEqualTo(n);
            for (long i : List.of(0L, 255L, 256L, 699L)) {
                assertThat(MerkleHashes.verifyInclusion(
                                i, n, GroupCommitTests.leafHash(trail, i), trail.tree.inclusion(i, n), head.root()))
                        .as("entry %d", i)
                        .isTrue();
            }
            assertThat(assertVerifies(trail).summary()).contains("stored tree nodes checked: 3");
            assertThat(sequencesOnDisk())
                    .containsExactlyElementsOf(LongStream.range(0, n).boxed().toList());
            journal.stop();
            assertThatThrownBy(() -> journal.append(TrailFixture.event(1)))
                    .isInstanceOf(AuditUnavailableException.class);
        }
    }

    @Test
    void everyRecordIsInTheFileWhenItsAppendReturnsAndTheFileKeepsSequenceOrder() throws Exception {
        try (TrailFixture trail = TrailFixture.h2(dir)) {
            AuditJournal journal = journal(trail);
            journal.start();
            int threads = 8;
            int each = 150;
            ConcurrentLinkedQueue<String> late = new ConcurrentLinkedQueue<>();
            try (var pool = Executors.newFixedThreadPool(threads)) {
                for (int t = 0; t < threads; t++) {
                    int base = t * each;
                    pool.submit(() -> {
                        for (int i = 0; i < each; i++) {
                            long seq =
                                    journal.append(TrailFixture.event(base + i)).sequence();
                            long journaled = journal.journaled();
                            if (journaled <= seq) {
                                late.add(seq + " returned with " + journaled + " journaled");
                            }
                            // Read back through the file system, not the mapping: on disk when append returns.
                            if (i % 50 == 0 && !sequencesOnDisk().contains(seq)) {
                                late.add(seq + " returned before it was in the file");
                            }
                        }
                        return null;
                    });
                }
            }
            assertThat(late).isEmpty();
            journal.awaitIndexed();
            assertThat(trail.tree.head().size()).isEqualTo(threads * each);
            assertVerifies(trail);
            // Stopped before the indexer runs again: the file is a gap-free run in sequence order that a
            // restart replays (an entry out of order would refuse the start).
            sql(trail, "ALTER TABLE audit_head RENAME TO audit_head_broken");
            try {
                for (int i = 0; i < 50; i++) {
                    if (!appends(journal, 10_000 + i)) {
                        break;
                    }
                }
            } finally {
                journal.stop();
                sql(trail, "ALTER TABLE audit_head_broken RENAME TO audit_head");
            }
            List<Long> onDisk = sequencesOnDisk();
            AuditJournal again = journal(trail);
            again.start();
            assertThat(again.journaled()).isGreaterThanOrEqualTo(threads * each);
            again.awaitIndexed();
            assertThat(trail.tree.head().size()).isEqualTo(again.journaled());
            assertVerifies(trail);
            again.stop();
            assertThat(onDisk)
                    .as("the files held, in order, the entries the broken index could not take")
                    .isSorted()
                    .contains((long) threads * each)
                    .last()
                    .isEqualTo(again.journaled() - 1);
        }
    }

    @Test
    void underSustainedLoadTheTwoFilesTakeTurnsAndStayTheirSize() throws Exception {
        try (TrailFixture trail = TrailFixture.h2(dir)) {
            // Not forced: the bound below is relative to the load, which a force's tail would set on a busy
            // disk; JournalForceTests shows that forced files take turns too.
            AuditJournal journal =
                    journal(trail, JournalForceTests.forcing(trail.settings, false), 16 * 1024, JournalFiles.MSYNC);
            journal.start();
            AtomicLong appended = new AtomicLong();
            long largest = 0;
            long until = System.nanoTime() + Duration.ofMillis(1500).toNanos();
            try (var pool = Executors.newFixedThreadPool(4)) {
                for (int t = 0; t < 4; t++) {
                    pool.submit(() -> {
                        while (System.nanoTime() < until) { // a steady load the indexer keeps up with
                            journal.append(TrailFixture.event((int) appended.getAndIncrement()));
                            Thread.sleep(1);
                        }
                        return null;
                    });
                }
                // The backlog never empties while the writers run: only the files' recycling bounds them.
                while (System.nanoTime() < until) {
                    largest = Math.max(largest, journal.bytesInUse());
                    Thread.sleep(5);
                }
            }
            long written = appended.get() * 300; // each record is more than 300 bytes
            assertThat(written).as("appended %d", appended.get()).isGreaterThan(20 * 16 * 1024);
            assertThat(largest).isLessThan(written / 4);
            long onDisk = 0;
            for (Path p : JournalFiles.paths(journalFile())) {
                onDisk += Files.size(p);
            }
            assertThat(onDisk).as("the files' size on disk").isLessThan(written / 4);
            journal.awaitIndexed();
            assertThat(trail.tree.head().size()).isEqualTo(appended.get());
            assertVerifies(trail);
            journal.stop();
            // What a restart finds is consistent with the tables (nothing to replay, or entries they hold).
            AuditJournal again = journal(trail);
            again.start();
            assertThat(trail.tree.head().size()).isEqualTo(appended.get());
            again.stop();
        }
    }

    @Test
    void whatACrashLeftInTheFilesIsReplayedAndARecordCutShortOrWithoutItsLengthIsDropped() throws Exception {
        try (TrailFixture trail = TrailFixture.h2(dir)) {
            AuditJournal first = journal(trail);
            first.start();
            for (int i = 0; i < 3; i++) {
                first.append(TrailFixture.event(i));
            }
            first.awaitIndexed();
            first.stop();
            // As a crash leaves a journal written by write calls (before the files were mapped): an entry
            // already indexed, two that are not, and half a record at the end of the file.
            Instant t = CanonicalEntry.storedTime(Instant.now());
            ByteArrayOutputStream file = new ByteArrayOutputStream();
            for (long seq = 2; seq < 5; seq++) {
                file.writeBytes(record(seq, t));
            }
            byte[] cut = record(5, t);
            file.write(cut, 0, cut.length - 7);
            Files.write(journalFile(), file.toByteArray());

            AuditJournal second = journal(trail);
            second.start(); // replays before it answers
            assertThat(trail.tree.head().size()).isEqualTo(5);
            assertThat(second.append(TrailFixture.event(9)).sequence()).isEqualTo(5);
            second.awaitIndexed();
            assertThat(trail.tree.head().size()).isEqualTo(6);
            second.stop();

            // As a crash leaves the mapped files: the second file (older) holds an indexed entry and two
            // that are not, the first (active) one more, then a record whose length was never written
            // (its encoding is stored first), then what an earlier record left there.
            Path[] files = JournalFiles.paths(journalFile());
            Files.write(files[1], concat(record(5, t), record(6, t), record(7, t)));
            byte[] unfinished = record(9, t);
            Arrays.fill(unfinished, 0, 4, (byte) 0);
            Files.write(files[0], concat(record(8, t), unfinished, "left-over".getBytes(StandardCharsets.UTF_8)));

            AuditJournal third = journal(trail);
            third.start();
            assertThat(trail.tree.head().size()).isEqualTo(9);
            assertThat(third.append(TrailFixture.event(10)).sequence()).isEqualTo(9);
            third.stop();
            assertThat(sequencesOnDisk())
                    .as("entry 9 took the unfinished record's place, followed by zeros only; the second"
                            + " file was zeroed once its entries were indexed")
                    .containsExactly(8L, 9L);
            AuditJournal fourth = journal(trail);
            fourth.start();
            assertThat(trail.tree.head().size()).isEqualTo(10);
            assertVerifies(trail);
            fourth.stop();
        }
    }

    @Test
    void whileTheIndexLagsTheActiveFileGrowsAndNothingIsLost() throws Exception {
        try (TrailFixture trail = TrailFixture.h2(dir)) {
            AuditJournal journal = journal(trail, 1024);
            journal.start();
            int n = 60; // about 18 KB of records: far more than both 2 KB files hold
            try (Connection holder = trail.dataSource.getConnection();
                    Statement s = holder.createStatement()) {
                // Another transaction holds the tree head: the indexer's commit waits behind it, so
                // neither file can be recycled while the records arrive.
                holder.setAutoCommit(false);
                s.execute("SELECT tree_size FROM audit_head WHERE id = 1 FOR UPDATE");
                for (int i = 0; i < n; i++) {
                    journal.append(TrailFixture.event(i));
                }
                assertThat(journal.bytesInUse()).isGreaterThan(4 * 1024);
                assertThat(sequencesOnDisk()).hasSize(n).isSorted();
                holder.rollback();
            }
            journal.awaitIndexed();
            assertThat(trail.tree.head().size()).isEqualTo(n);
            assertVerifies(trail);
            journal.stop();
            assertThat(Files.size(journalFile()) + Files.size(JournalFiles.paths(journalFile())[1]))
                    .isGreaterThan(4 * 1024);
            AuditJournal again = journal(trail, 1024);
            again.start();
            assertThat(again.append(TrailFixture.event(n)).sequence()).isEqualTo(n);
            again.awaitIndexed();
            assertVerifies(trail);
            again.stop();
        }
    }

    @Test
    void aFileThatDoesNotContinueTheTrailOrIsDamagedRefusesTheStart() throws Exception {
        try (TrailFixture trail = TrailFixture.h2(dir)) {
            Instant t = CanonicalEntry.storedTime(Instant.now());
            Files.createDirectories(journalFile().getParent());
            // A gap: entry 1 where entry 0 must come first (a journal of another trail, or a restored database).
            Files.write(journalFile(), record(1, t));
            assertThatThrownBy(() -> journal(trail).start())
                    .isInstanceOf(StartupException.class)
                    .hasMessageContaining("holds entry 1 where 0 should follow");

            byte[] damaged = record(0, t);
            damaged[4] ^= 0x01; // the first byte of "SVA1"
            Files.write(journalFile(), damaged);
            assertThatThrownBy(() -> journal(trail).start())
                    .isInstanceOf(StartupException.class)
                    .hasMessageContaining("is damaged at byte 0");
            assertThat(trail.tree.head().size()).isZero();
        }
    }

    @Test
    void whileTheIndexCannotCommitEventsAreRefusedAndNoneAcceptedIsLost() throws Exception {
        try (TrailFixture trail = TrailFixture.h2(dir)) {
            AuditJournal journal = journal(trail);
            journal.start();
            for (int i = 0; i < 5; i++) {
                journal.append(TrailFixture.event(i));
            }
            journal.awaitIndexed();

            sql(trail, "ALTER TABLE audit_head RENAME TO audit_head_broken");
            AtomicLong accepted = new AtomicLong(5);
            try {
                // Journaled (durable) until the indexer's commit fails; refused from then on.
                await().atMost(Duration.ofSeconds(10))
                        .pollInterval(Duration.ofMillis(5))
                        .until(() -> {
                            if (appends(journal, (int) accepted.get())) {
                                accepted.incrementAndGet();
                                return false;
                            }
                            return true;
                        });
                assertThatThrownBy(journal::awaitIndexed).isInstanceOf(AuditUnavailableException.class);
                assertThatThrownBy(() -> journal.append(TrailFixture.event(99)))
                        .isInstanceOf(AuditUnavailableException.class);
            } finally {
                sql(trail, "ALTER TABLE audit_head_broken RENAME TO audit_head");
            }
            assertThat(accepted.get()).isGreaterThan(5);
            int next = (int) accepted.get();
            await().atMost(Duration.ofSeconds(10)).until(() -> appends(journal, next));
            journal.awaitIndexed();
            assertThat(trail.tree.head().size()).isEqualTo(accepted.get() + 1);
            assertVerifies(trail);
            journal.stop();
        }
    }

    @Test
    void aBacklogBeyondItsBoundWaitsForTheRecordTimeoutThenRefuses() throws Exception {
        try (TrailFixture trail = TrailFixture.h2(dir)) {
            AuditSettings tight = new AuditSettings(
                    trail.settings.retention(),
                    trail.settings.origin(),
                    trail.settings.checkpointInterval(),
                    Duration.ofMillis(300),
                    1,
                    2,
                    trail.settings.publishDir(),
                    trail.settings.verifyInterval(),
                    trail.settings.export(),
                    trail.settings.syslog(),
                    true);
            AuditJournal journal = journal(trail, tight, AuditJournal.SWITCH_BYTES, JournalFiles.MSYNC);
            journal.start();
            try (Connection holder = trail.dataSource.getConnection();
                    Statement s = holder.createStatement()) {
                // Another transaction holds the tree head: the indexer's commit waits behind it.
                holder.setAutoCommit(false);
                s.execute("SELECT tree_size FROM audit_head WHERE id = 1 FOR UPDATE");
                journal.append(TrailFixture.event(0));
                journal.append(TrailFixture.event(1));
                long start = System.nanoTime();
                assertThatThrownBy(() -> journal.append(TrailFixture.event(2)))
                        .isInstanceOf(AuditUnavailableException.class)
                        .hasRootCauseMessage("the audit index is behind");
                assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
                holder.rollback();
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> appends(journal, 3));
            journal.awaitIndexed();
            assertThat(trail.tree.head().size()).isEqualTo(3);
            journal.stop();
        }
    }

    @Test
    void onPostgresqlTheJournalStaysOutOfTheWay() throws Exception {
        try (TrailFixture trail = TrailFixture.postgres(dir)) {
            AuditJournal journal = journal(trail);
            journal.start();
            assertThat(journal.active()).isFalse();
            assertThat(Files.exists(journalFile())).isFalse();
            JdbcAuditTrail routed = new JdbcAuditTrail(trail.writer, journal);
            assertThat(routed.record(TrailFixture.event(0)).sequence()).isZero();
            assertThat(trail.tree.head().size()).isEqualTo(1); // committed before record answered
            journal.awaitIndexed();
            journal.stop();
        }
    }

    /** Signs a checkpoint and verifies the whole trail against it; answers the report. */
    private static VerificationReport assertVerifies(TrailFixture trail) throws Exception {
        trail.checkpointer.checkpointNow();
        VerificationReport report = trail.verify();
        assertThat(report.ok()).as(report.summary()).isTrue();
        return report;
    }

    private static boolean appends(AuditJournal journal, int id) {
        try {
            journal.append(TrailFixture.event(id));
            return true;
        } catch (AuditUnavailableException e) {
            return false;
        }
    }

    /** Entry {@code seq}'s record as the journal writes it: the encoding's length (4 bytes), then the encoding. */
    private static byte[] record(long seq, Instant t) {
        byte[] encoding = CanonicalEntry.encode(seq, t, TrailFixture.event((int) seq));
        return ByteBuffer.allocate(4 + encoding.length)
                .putInt(encoding.length)
                .put(encoding)
                .array();
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    /** The sequence numbers of the records on disk, the first file's then the second's, each in file order. */
    private List<Long> sequencesOnDisk() throws Exception {
        return JournalFiles.read(journalFile()).stream()
                .map(r -> CanonicalEntry.decode(r.encoding()).seq())
                .toList();
    }

    private static void sql(TrailFixture trail, String statement) throws SQLException {
        try (Connection c = trail.dataSource.getConnection();
                Statement s = c.createStatement()) {
            s.execute(statement);
        }
    }
}
