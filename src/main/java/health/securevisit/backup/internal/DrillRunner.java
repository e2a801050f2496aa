package health.securevisit.backup.internal;

import health.securevisit.audit.AuditCommands;
import health.securevisit.backup.internal.BackupFormat.Entry;
import health.securevisit.backup.internal.BackupReader.Verified;
import health.securevisit.keys.ArtifactVault;
import health.securevisit.patient.Patients;
import health.securevisit.platform.PlatformSettings;
import health.securevisit.platform.internal.DatabaseTarget;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A restore drill: the backup is restored into a throw-away data directory (and, on PostgreSQL, a
 * throw-away database beside the configured one), the restored audit trail is verified with {@code
 * audit verify}, and the application is started on the copy to read a patient's encrypted
 * demographics and an artifact back; then the copy is removed.
 */
public final class DrillRunner {

    /** What the drill found; {@code detail} has counts or the reason, never PHI. */
    public record Outcome(Verified backup, long nanos, boolean passed, String detail) {}

    private DrillRunner() {}

    static Outcome run(
            Class<?> application, Verified backup, long startNanos, PlatformSettings live, List<String> settingArgs)
            throws IOException {
        Path scratch = Files.createTempDirectory("securevisit-drill-");
        Path dataDir = scratch.resolve("data");
        DatabaseTarget liveDb = DatabaseTarget.of(live.db(), live.dataDir());
        String drillUrl;
        try {
            drillUrl = liveDb.embedded() ? null : createDatabase(liveDb);
        } catch (BackupFailure e) {
            Files.delete(scratch);
            throw e;
        }
        DatabaseTarget target = drillUrl == null
                ? DatabaseTarget.of(new PlatformSettings.Db(null, null, null), dataDir)
                : DatabaseTarget.of(new PlatformSettings.Db(drillUrl, liveDb.user(), liveDb.password()), dataDir);
        List<String> args = drillArgs(settingArgs, dataDir, drillUrl, liveDb);
        try {
            Restorer.restore(backup, dataDir, target);
            ByteArrayOutputStream report = new ByteArrayOutputStream();
            List<String> verify = new ArrayList<>(List.of("verify", "--full"));
            verify.addAll(args);
            PrintStream capture = new PrintStream(report, true, StandardCharsets.UTF_8);
            if (AuditCommands.run(verify, capture, capture) != 0) {
                String first = report.toString(StandardCharsets.UTF_8)
                        .strip()
                        .lines()
                        .findFirst()
                        .orElse("");
                return new Outcome(backup, System.nanoTime() - startNanos, false, "audit verify failed: " + first);
            }
            String sample = sampleRead(application, args, backup);
            return new Outcome(
                    backup,
                    System.nanoTime() - startNanos,
                    true,
                    "restored, audit trail verified, sample read: " + sample);
        } catch (RuntimeException e) {
            // A failed drill is a finding to record, in one line (a start-up failure names its setting).
            return new Outcome(backup, System.nanoTime() - startNanos, false, BackupCli.oneLine(e));
        } finally {
            remove(target, scratch, drillUrl, liveDb);
        }
    }

    private static List<String> drillArgs(
            List<String> settingArgs, Path dataDir, @Nullable String drillUrl, DatabaseTarget liveDb) {
        List<String> args = new ArrayList<>(settingArgs.stream()
                .filter(a -> Stream.of(
                                "--securevisit.data-dir=",
                                "--securevisit.db.",
                                "--securevisit.audit.publish-dir=",
                                "--securevisit.audit.syslog.",
                                "--securevisit.audit.export.")
                        .noneMatch(a::startsWith))
                .toList());
        args.add("--securevisit.data-dir=" + dataDir);
        // The copy publishes and exports nowhere outside itself (no checkpoints into the live
        // publish directory, no second delivery of its records to the SIEM).
        args.add("--securevisit.audit.publish-dir=" + dataDir.resolve("audit"));
        args.add("--securevisit.audit.syslog.host=");
        args.add("--securevisit.audit.export.json-lines=false");
        args.add("--securevisit.audit.export.fhir=false");
        if (drillUrl != null) {
            args.add("--securevisit.db.url=" + drillUrl);
            if (liveDb.user() != null) {
                args.add("--securevisit.db.user=" + liveDb.user());
            }
            if (liveDb.password() != null) {
                args.add("--securevisit.db.password=" + liveDb.password());
            }
        }
        return args;
    }

    /** Starts the application on the copy, reads the newest patient and the first artifact. */
    private static String sampleRead(Class<?> application, List<String> args, Verified backup) throws IOException {
        List<String> all = new ArrayList<>(BackupCli.QUIET);
        all.addAll(args);
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(application)
                .web(WebApplicationType.NONE)
                .run(all.toArray(String[]::new))) {
            Patients patients = context.getBean(Patients.class);
            int patientsRead = 0;
            for (UUID id : patients.recent(1)) {
                if (patients.find(id).isEmpty()) {
                    throw new IllegalStateException("the restored patient " + id + " cannot be read");
                }
                patientsRead++;
            }
            ArtifactVault vault = context.getBean(ArtifactVault.class);
            int artifactsRead = 0;
            long bytes = 0;
            for (Entry entry : backup.manifest().entries()) {
                if (entry.name().startsWith("blobs/")) {
                    try (InputStream in =
                            vault.open(entry.name().substring(entry.name().lastIndexOf('/') + 1))) {
                        bytes = in.transferTo(OutputStream.nullOutputStream());
                    }
                    artifactsRead++;
                    break;
                }
            }
            return patientsRead + " patient(s), " + artifactsRead + " artifact(s) (" + bytes + " bytes)";
        }
    }

    private static String createDatabase(DatabaseTarget live) {
        byte[] random = new byte[6];
        new SecureRandom().nextBytes(random);
        String url = live.url();
        int slash = url.lastIndexOf('/');
        int query = url.indexOf('?', slash);
        String name = "securevisit_drill_" + HexFormat.of().formatHex(random);
        try (Connection c = Restorer.connect(live);
                Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name); // a generated name, never input
        } catch (SQLException e) {
            throw new BackupFailure("cannot create a throw-away database for the drill (the database user needs"
                    + " CREATEDB; SQLState " + e.getSQLState() + ")");
        }
        return url.substring(0, slash + 1) + name + (query < 0 ? "" : url.substring(query));
    }

    private static void remove(DatabaseTarget target, Path scratch, @Nullable String drillUrl, DatabaseTarget live)
            throws IOException {
        if (drillUrl == null) {
            try (Connection c = DriverManager.getConnection(target.url() + ";IFEXISTS=TRUE", "sa", "");
                    Statement s = c.createStatement()) {
                s.execute("SHUTDOWN");
            } catch (SQLException e) {
                // No database was restored, or it is closed already.
            }
        } else {
            String name = drillUrl.substring(drillUrl.lastIndexOf('/') + 1).replaceFirst("\\?.*", "");
            try (Connection c = Restorer.connect(live);
                    Statement s = c.createStatement()) {
                s.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            } catch (SQLException e) {
                throw new BackupFailure("the drill's database " + name + " could not be dropped (SQLState "
                        + e.getSQLState() + "): drop it by hand");
            }
        }
        try (Stream<Path> walk = Files.walk(scratch)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
