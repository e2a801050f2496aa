package health.securevisit.backup;

import static org.assertj.core.api.Assertions.assertThat;

import health.securevisit.audit.AuditTrail;
import health.securevisit.backup.Installation.Run;
import health.securevisit.backup.internal.BackupWriter;
import health.securevisit.patient.Patients;
import health.securevisit.support.PostgresDatabase;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A backup taken while a thread keeps creating patients and audit records through the services:
 * the restore verifies, and every patient acknowledged before the backup started is in it.
 */
class BackupWhileWritingTests {

    @TempDir
    Path tmp;

    @Test
    void embeddedBackupUnderWritesIsConsistent() throws Exception {
        backUpUnderWritesAndRestore(
                Installation.h2(tmp.resolve("source")),
                dir -> Installation.h2(dir, "--securevisit.master-key-file=" + tmp.resolve("source/keys/master.key")));
    }

    @Test
    void postgresBackupUnderWritesIsConsistent() throws Exception {
        PostgresDatabase sourceDb = PostgresDatabase.create();
        PostgresDatabase targetDb = PostgresDatabase.create();
        try {
            backUpUnderWritesAndRestore(
                    Installation.postgres(tmp.resolve("source"), sourceDb),
                    dir -> Installation.postgres(
                            dir, targetDb, "--securevisit.master-key-file=" + tmp.resolve("source/keys/master.key")));
        } finally {
            sourceDb.drop();
            targetDb.drop();
        }
    }

    interface Target {
        Installation at(Path dir);
    }

    private void backUpUnderWritesAndRestore(Installation source, Target targets) throws Exception {
        Path backup = tmp.resolve("under-writes.backup");
        List<Installation.Created> acknowledgedBefore = new ArrayList<>();
        AtomicReference<Integer> writtenDuring = new AtomicReference<>();
        source.withApplication(context -> {
            Patients patients = context.getBean(Patients.class);
            AuditTrail audit = context.getBean(AuditTrail.class);
            Queue<Installation.Created> acknowledged = new ConcurrentLinkedQueue<>();
            AtomicBoolean stop = new AtomicBoolean();
            Thread writer = Thread.ofPlatform().start(() -> {
                while (!stop.get()) {
                    acknowledged.add(Installation.patient(patients, audit));
                }
            });
            try {
                while (acknowledged.size() < 10) {
                    Thread.sleep(10);
                }
                acknowledgedBefore.addAll(acknowledged);
                context.getBean(BackupWriter.class).write(backup);
                writtenDuring.set(acknowledged.size() - acknowledgedBefore.size());
                while (acknowledged.size() < acknowledgedBefore.size() + writtenDuring.get() + 5) {
                    Thread.sleep(10); // writes go on after the backup too
                }
                stop.set(true);
                writer.join();
            } catch (InterruptedException | IOException e) {
                throw new IllegalStateException(e);
            }
        });
        assertThat(writtenDuring.get())
                .as("patients created while the backup ran")
                .isPositive();

        Installation target = targets.at(tmp.resolve("restored"));
        Run r = BackupRestoreH2Tests.restore(target, backup.toString());
        assertThat(r.exitCode()).as(r.stderr()).isZero();
        Run verify = target.assertTrailVerifies();
        long lastSequence = acknowledgedBefore.stream()
                .mapToLong(Installation.Created::sequence)
                .max()
                .orElseThrow();
        Matcher entries = Pattern.compile("entries: (\\d+)").matcher(verify.stdout());
        assertThat(entries.find()).as(verify.stdout()).isTrue();
        assertThat(Long.parseLong(entries.group(1)))
                .as("audit records acknowledged before the backup are in it")
                .isGreaterThan(lastSequence);
        target.withApplication(context -> {
            Patients patients = context.getBean(Patients.class);
            assertThat(acknowledgedBefore)
                    .allSatisfy(c -> assertThat(patients.find(c.id())).isPresent());
        });
    }
}
