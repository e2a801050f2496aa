package health.securevisit.backup;

import static org.assertj.core.api.Assertions.assertThat;

import health.securevisit.audit.AuditTrail;
import health.securevisit.backup.Installation.Run;
import health.securevisit.keys.ArtifactVault;
import health.securevisit.patient.Patients;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * The figures of docs/backup.md: backup, restore and drill times for an installation of a given size.
 * Run with {@code ./mvnw -B test -Dtest=BackupFiguresTests -Dsecurevisit.bench.backup-mb=512}.
 */
@EnabledIfSystemProperty(named = "securevisit.bench.backup-mb", matches = "[0-9]+")
class BackupFiguresTests {

    @TempDir
    Path tmp;

    @Test
    void measuresBackupRestoreAndDrill() throws Exception {
        int megabytes = Integer.parseInt(System.getProperty("securevisit.bench.backup-mb"));
        int patientCount = 1000;
        Installation source = Installation.h2(tmp.resolve("source"));
        source.withApplication(context -> {
            Patients patients = context.getBean(Patients.class);
            AuditTrail audit = context.getBean(AuditTrail.class);
            for (int i = 0; i < patientCount; i++) {
                Installation.patient(patients, audit);
            }
            ArtifactVault vault = context.getBean(ArtifactVault.class);
            byte[] chunk = new byte[1 << 20];
            new Random(1).nextBytes(chunk);
            for (int i = 0; i < megabytes / 16; i++) {
                vault.put("figure-" + UUID.randomUUID(), "bench", repeated(chunk, 16));
            }
        });
        Path backup = tmp.resolve("figures.backup");
        long t0 = System.nanoTime();
        Run b = Installation.run(with(List.of("backup", backup.toString()), source.args()));
        long backupNanos = System.nanoTime() - t0;
        assertThat(b.exitCode()).as(b.stderr()).isZero();

        Installation target = Installation.h2(tmp.resolve("restored"), source.masterKeyArg());
        t0 = System.nanoTime();
        Run r = Installation.run(with(List.of("restore", backup.toString()), target.args()));
        long restoreNanos = System.nanoTime() - t0;
        assertThat(r.exitCode()).as(r.stderr()).isZero();

        Installation live = Installation.h2(source.dataDir(), source.masterKeyArg());
        Run d = Installation.run(with(List.of("restore", "--drill", backup.toString()), live.args()));
        assertThat(d.exitCode()).as(d.stderr()).isZero();

        System.out.printf(
                Locale.ROOT,
                "backup figures: %d patients, %d MiB of artifacts; backup file %d MiB;"
                        + " backup %.1f s, restore %.1f s; %s%n",
                patientCount,
                megabytes / 16 * 16,
                Files.size(backup) >> 20,
                backupNanos / 1e9,
                restoreNanos / 1e9,
                d.stdout().strip());
    }

    private static String[] with(List<String> command, List<String> settings) {
        List<String> all = new ArrayList<>(command);
        all.addAll(settings);
        return all.toArray(String[]::new);
    }

    private static InputStream repeated(byte[] chunk, int times) {
        List<InputStream> parts = new ArrayList<>();
        for (int i = 0; i < times; i++) {
            parts.add(new ByteArrayInputStream(chunk));
        }
        return new SequenceInputStream(Collections.enumeration(parts));
    }
}
