package health.securevisit.audit.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import health.securevisit.audit.AuditRecord;
import health.securevisit.audit.AuditUnavailableException;
import java.io.IOException;
import java.nio.MappedByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/**
 * The journal's forcing, through the force seam on a real migrated H2 database: a record is not
 * acknowledged before a force that covers it has returned; concurrent records share forces; a failing
 * force fails the record closed, and every later one; {@code SECUREVISIT_AUDIT_JOURNAL_FORCE=false}
 * makes no force and logs a warning at start.
 */
@ExtendWith(OutputCaptureExtension.class)
class JournalForceTests {

    @TempDir
    Path dir;

    /** Counts forces of records (those made after start); blocks or fails them on request. */
    static final class SeamForce implements JournalFiles.Force {
        volatile boolean started;
        final AtomicInteger forces = new AtomicInteger();
        volatile CountDownLatch gate = new CountDownLatch(0);
        final CountDownLatch entered = new CountDownLatch(1);
        volatile Duration pause = Duration.ZERO;
        volatile boolean fail;

        @Override
        public void force(MappedByteBuffer map, int from, int length) throws IOException {
            if (!started) {
                JournalFiles.MSYNC.force(map, from, length);
                return;
            }
            forces.incrementAndGet();
            entered.countDown();
            try {
                gate.await();
                Thread.sleep(pause);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (fail) {
                throw new IOException("injected: the device reports an error");
            }
            JournalFiles.MSYNC.force(map, from, length);
        }
    }

    private AuditJournal started(TrailFixture trail, AuditSettings settings, SeamForce force) {
        AuditJournal journal = new AuditJournal(
                trail.dataSource,
                settings,
                TrailFixture.CLOCK,
                dir.resolve("journal").resolve("journal"),
                AuditJournal.SWITCH_BYTES,
                force);
        journal.start();
        force.started = true;
        return journal;
    }

    @Test
    void aRecordIsNotAcknowledgedBeforeTheForceThatCoversItReturns() throws Exception {
        try (TrailFixture trail = TrailFixture.h2(dir)) {
            SeamForce force = new SeamForce();
            AuditJournal journal = started(trail, trail.settings, force);
            force.gate = new CountDownLatch(1);
            CompletableFuture<AuditRecord> record =
                    CompletableFuture.supplyAsync(() -> journal.append(TrailFixture.event(0)));
            assertThat(force.entered.await(10, TimeUnit.SECONDS)).isTrue();
            Thread.sleep(200);
            assertThat(record).as("acknowledged while its force is under way").isNotDone();
            force.gate.countDown();
            assertThat(record.get(10, TimeUnit.SECONDS).sequence()).isZero();
            assertThat(force.forces).hasValue(1);
            journal.stop();
        }
    }

    @Test
    void concurrentRecordsWaitForTheSameForceInsteadOfEachForcing() throws Exception {
        try (TrailFixture trail = TrailFixture.h2(dir)) {
            SeamForce force = new SeamForce();
            force.pause = Duration.ofMillis(20);
            AuditJournal journal = started(trail, trail.settings, force);
            int n = 400;
            try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
                var records = IntStream.range(0, n)
                        .mapToObj(i -> pool.submit(() -> journal.append(TrailFixture.event(i))))
                        .toList();
                for (Future<AuditRecord> r : records) {
                    r.get(30, TimeUnit.SECONDS);
                }
            }
            assertThat(force.forces.get()).as("forces for %d records", n).isBetween(1, n / 4);
            journal.awaitIndexed();
            assertThat(trail.tree.head().size()).isEqualTo(n);
            journal.stop();
        }
    }

    @Test
    void forcedFilesAreZeroedOnceIndexedSoTheyTakeTurnsAndTheRecordsSurviveARestart() throws Exception {
        try (TrailFixture trail = TrailFixture.h2(dir)) {
            SeamForce force = new SeamForce();
            Path file = dir.resolve("journal").resolve("journal");
            AuditJournal journal =
                    new AuditJournal(trail.dataSource, trail.settings, TrailFixture.CLOCK, file, 16 * 1024, force);
            journal.start();
            force.started = true;
            int n = 0;
            for (; n < 300; n++) { // about five times a file's switch size
                journal.append(TrailFixture.event(n));
            }
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (journal.bytesInUse() >= 16 * 1024 && System.nanoTime() < deadline) {
                journal.append(TrailFixture.event(n++)); // an index commit after the other file is settled
                journal.awaitIndexed();
            }
            assertThat(journal.bytesInUse())
                    .as("the files were zeroed (after H2's CHECKPOINT SYNC) and took turns")
                    .isLessThan(16 * 1024);
            journal.stop();
            AuditJournal again =
                    new AuditJournal(trail.dataSource, trail.settings, TrailFixture.CLOCK, file, 16 * 1024, force);
            again.start();
            assertThat(trail.tree.head().size()).isEqualTo(n);
            assertThat(again.journaled()).isEqualTo(n);
            again.stop();
        }
    }

    @Test
    void aFailingForceFailsTheRecordClosedAndEveryLaterOne() throws Exception {
        try (TrailFixture trail = TrailFixture.h2(dir)) {
            SeamForce force = new SeamForce();
            AuditJournal journal = started(trail, trail.settings, force);
            journal.append(TrailFixture.event(0));
            force.fail = true;
            assertThatThrownBy(() -> journal.append(TrailFixture.event(1)))
                    .isInstanceOf(AuditUnavailableException.class)
                    .hasRootCauseMessage("injected: the device reports an error");
            force.fail = false;
            assertThatThrownBy(() -> journal.append(TrailFixture.event(2)))
                    .as("refused until restart, though the device answers again")
                    .isInstanceOf(AuditUnavailableException.class);
            journal.stop();
        }
    }

    @Test
    void withForcingOffRecordsAreNotForcedAndTheStartWarns(CapturedOutput output) throws Exception {
        try (TrailFixture trail = TrailFixture.h2(dir)) {
            SeamForce force = new SeamForce();
            AuditJournal journal = started(trail, forcing(trail.settings, false), force);
            for (int i = 0; i < 20; i++) {
                journal.append(TrailFixture.event(i));
            }
            assertThat(force.forces).hasValue(0);
            await().atMost(Duration.ofSeconds(10)) // the console may be asynchronous
                    .untilAsserted(() -> assertThat(output.getOut())
                            .contains(
                                    "SECUREVISIT_AUDIT_JOURNAL_FORCE=false: audit records are acknowledged before they are"
                                            + " on disk"));
            journal.stop();
        }
    }

    @Test
    void withForcingOnTheStartDoesNotWarn(CapturedOutput output) throws Exception {
        try (TrailFixture trail = TrailFixture.h2(dir)) {
            AuditJournal journal = started(trail, trail.settings, new SeamForce());
            journal.stop();
            LoggerFactory.getLogger(JournalForceTests.class).warn("after a start with forcing on");
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> output.getOut().contains("after a start with forcing on"));
            assertThat(output.getOut()).doesNotContain("SECUREVISIT_AUDIT_JOURNAL_FORCE");
        }
    }

    @Test
    void forcingIsOnByDefaultAndTheEnvironmentVariableTurnsItOff() {
        assertThat(bind(Map.of()).journalForce()).isTrue();
        assertThat(bind(Map.of("SECUREVISIT_AUDIT_JOURNAL_FORCE", "false")).journalForce())
                .isFalse();
        assertThat(bind(Map.of("SECUREVISIT_AUDIT_JOURNAL_FORCE", "true")).journalForce())
                .isTrue();
    }

    private static AuditSettings bind(Map<String, Object> environment) {
        MutablePropertySources sources = new MutablePropertySources();
        sources.addFirst(new SystemEnvironmentPropertySource("env", environment));
        return new Binder(ConfigurationPropertySources.from(sources))
                .bindOrCreate("securevisit.audit", AuditSettings.class);
    }

    static AuditSettings forcing(AuditSettings s, boolean force) {
        return new AuditSettings(
                s.retention(),
                s.origin(),
                s.checkpointInterval(),
                s.recordTimeout(),
                s.maxBatch(),
                s.queueCapacity(),
                s.publishDir(),
                s.verifyInterval(),
                s.export(),
                s.syslog(),
                force);
    }
}
