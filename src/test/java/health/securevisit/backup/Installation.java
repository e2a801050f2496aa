package health.securevisit.backup;

import static org.assertj.core.api.Assertions.assertThat;

import health.securevisit.SecureVisit;
import health.securevisit.audit.AuditCommands;
import health.securevisit.audit.AuditEvent;
import health.securevisit.audit.AuditTrail;
import health.securevisit.audit.Outcome;
import health.securevisit.audit.PurposeOfUse;
import health.securevisit.keys.ArtifactVault;
import health.securevisit.patient.PatientDetails;
import health.securevisit.patient.Patients;
import health.securevisit.platform.internal.DatabaseTarget;
import health.securevisit.support.PostgresDatabase;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** A SecureVisit installation (data directory, and a PostgreSQL database or the embedded one) driven in-process. */
record Installation(Path dataDir, @Nullable PostgresDatabase database, List<String> extraArgs) {

    static Installation h2(Path dataDir, String... extra) {
        return new Installation(dataDir, null, List.of(extra));
    }

    static Installation postgres(Path dataDir, PostgresDatabase database, String... extra) {
        return new Installation(dataDir, database, List.of(extra));
    }

    List<String> args() {
        List<String> args = new ArrayList<>(List.of("--securevisit.data-dir=" + dataDir));
        if (database != null) {
            args.add("--securevisit.db.url=" + database.url());
            args.add("--securevisit.db.user=" + database.user());
        }
        args.addAll(extraArgs);
        return args;
    }

    /** A master key file argument naming this installation's generated master key. */
    String masterKeyArg() {
        return "--securevisit.master-key-file=" + dataDir.resolve("keys/master.key");
    }

    void withApplication(Consumer<ConfigurableApplicationContext> action) {
        List<String> args = new ArrayList<>(List.of("--securevisit.keys.warmup=0"));
        args.addAll(args());
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(SecureVisit.class)
                .web(WebApplicationType.NONE)
                .run(args.toArray(String[]::new))) {
            action.accept(context);
        }
        if (database == null) {
            // A closed context can leave the embedded database open in this JVM: close it as a process end would.
            try (Connection c = DriverManager.getConnection(
                            "jdbc:h2:file:" + dataDir.resolve("db/securevisit") + DatabaseTarget.H2_OPTIONS
                                    + ";IFEXISTS=TRUE",
                            "sa",
                            "");
                    Statement s = c.createStatement()) {
                s.execute("shutdown");
            } catch (SQLException e) {
                // Not there, or closed already.
            }
        }
    }

    /** Runs {@code backup FILE} on this installation and asserts it succeeds. */
    Run backUp(Path file) {
        List<String> args = new ArrayList<>(List.of("backup", file.toString()));
        args.addAll(args());
        Run r = run(args.toArray(String[]::new));
        assertThat(r.exitCode()).as(r.stderr()).isZero();
        return r;
    }

    /** Runs {@code audit verify} on this installation and asserts it passes. */
    Run assertTrailVerifies() {
        List<String> args = new ArrayList<>(List.of("audit", "verify"));
        args.addAll(args());
        Run verify = run(args.toArray(String[]::new));
        assertThat(verify.exitCode()).as(verify.stdout() + verify.stderr()).isZero();
        return verify;
    }

    /** Starts the application here and reads every patient and the artifact of {@code content} back. */
    void assertReadsBack(Content content) {
        withApplication(context -> {
            Patients patients = context.getBean(Patients.class);
            for (UUID id : content.patients) {
                assertThat(patients.find(id))
                        .get()
                        .satisfies(p -> assertThat(p.fullName()).isEqualTo("Ada Lovelace"));
            }
            try (InputStream in = context.getBean(ArtifactVault.class).open(content.artifact)) {
                assertThat(in.readAllBytes()).isEqualTo(Content.BYTES);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** Stores a patient (encrypted demographics), an artifact and audit records; returns their ids. */
    Content populate() {
        Content content = new Content();
        withApplication(context -> {
            Patients patients = context.getBean(Patients.class);
            for (int i = 0; i < 3; i++) {
                content.patients.add(
                        patient(patients, context.getBean(AuditTrail.class)).id());
            }
            content.artifact = "artifact-" + UUID.randomUUID();
            context.getBean(ArtifactVault.class)
                    .put(
                            content.artifact,
                            "patient:" + content.patients.getFirst(),
                            new ByteArrayInputStream(Content.BYTES));
        });
        return content;
    }

    /** A created patient and the sequence number of its audit record. */
    record Created(UUID id, long sequence) {}

    static Created patient(Patients patients, AuditTrail audit) {
        UUID id = patients.create(new PatientDetails(
                        "MRN" + UUID.randomUUID().toString().substring(0, 8),
                        "Ada Lovelace",
                        LocalDate.of(1915, 12, 10),
                        "12 St James's Square",
                        null,
                        null,
                        null))
                .id();
        long sequence = audit.record(AuditEvent.builder("patient.create", Outcome.SUCCESS, PurposeOfUse.OPERATIONS)
                        .resource("patient", id.toString())
                        .patient(id.toString())
                        .build())
                .sequence();
        return new Created(id, sequence);
    }

    /** What {@link #populate} stored. */
    static final class Content {
        static final byte[] BYTES =
                "a recording, already ciphertext at rest".repeat(1000).getBytes(StandardCharsets.UTF_8);
        final List<UUID> patients = new ArrayList<>();
        String artifact = "";
    }

    /** Runs a command line in-process. */
    static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8);
        List<String> rest = List.of(args).subList(1, args.length);
        int code = switch (args[0]) {
            case "backup" -> BackupCommands.backup(SecureVisit.class, rest, o, e);
            case "restore" -> BackupCommands.restore(SecureVisit.class, rest, o, e);
            case "audit" -> AuditCommands.run(rest, o, e);
            default -> throw new IllegalArgumentException(args[0]);
        };
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    record Run(int exitCode, String stdout, String stderr) {}
}
