package health.securevisit.backup;

import health.securevisit.audit.AuditTrail;
import health.securevisit.backup.Installation.Run;
import health.securevisit.keys.ArtifactVault;
import health.securevisit.patient.Patients;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * The figures of docs/backup.md: backup, restore and drill times of an embedded installation with
 * 1,000 patients and {@code MB} MiB of artifacts in 16 MiB objects. Run with {@code bench/backup.sh [MB]}.
 */
public final class BackupBenchmark {

    private static final int PATIENTS = 1000;

    private BackupBenchmark() {}

    public static void main(String[] args) throws IOException {
        int megabytes = args.length > 0 ? Integer.parseInt(args[0]) : 512;
        Path tmp = Files.createTempDirectory("securevisit-backup-bench-");
        try {
            run(tmp, megabytes);
        } finally {
            try (Stream<Path> walk = Files.walk(tmp)) {
                for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    private static void run(Path tmp, int megabytes) throws IOException {
        Installation source = Installation.h2(tmp.resolve("source"));
        source.withApplication(context -> {
            Patients patients = context.getBean(Patients.class);
            AuditTrail audit = context.getBean(AuditTrail.class);
            for (int i = 0; i < PATIENTS; i++) {
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
        passed(Installation.run(with(List.of("backup", backup.toString()), source.args())));
        long backupNanos = System.nanoTime() - t0;

        Installation target = Installation.h2(tmp.resolve("restored"), source.masterKeyArg());
        t0 = System.nanoTime();
        passed(Installation.run(with(List.of("restore", backup.toString()), target.args())));
        long restoreNanos = System.nanoTime() - t0;

        Installation live = Installation.h2(source.dataDir(), source.masterKeyArg());
        Run drill = passed(Installation.run(with(List.of("restore", "--drill", backup.toString()), live.args())));

        System.out.printf(
                Locale.ROOT,
                "backup figures: %d patients, %d MiB of artifacts; backup file %d MiB;"
                        + " backup %.1f s, restore %.1f s; %s%n",
                PATIENTS,
                megabytes / 16 * 16,
                Files.size(backup) >> 20,
                backupNanos / 1e9,
                restoreNanos / 1e9,
                drill.stdout().strip());
    }

    private static Run passed(Run run) {
        if (run.exitCode() != 0) {
            throw new IllegalStateException("exit " + run.exitCode() + ": " + run.stderr().strip());
        }
        return run;
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
