package health.securevisit.backup;

import static health.securevisit.support.Workforce.body;
import static health.securevisit.support.Workforce.expect;
import static health.securevisit.support.Workforce.json;
import static org.assertj.core.api.Assertions.assertThat;

import health.securevisit.audit.Outcome;
import health.securevisit.backup.Installation.Run;
import health.securevisit.backup.internal.JdbcRestoreDrills;
import health.securevisit.patient.Patients;
import health.securevisit.support.CapturedAuditEvents;
import health.securevisit.support.RunningServer;
import health.securevisit.support.TestServers;
import health.securevisit.support.Workforce;
import java.io.IOException;
import java.io.OutputStream;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code POST /api/v1/backups} on a real server: a backup taken while another client keeps creating
 * patients restores with the command line, and every refusal (anonymous, wrong role, stale second
 * factor, no backup directory, a second backup at once) is a problem answer, audited.
 */
class OnlineBackupApiTests {

    /** The step-up window of this server: a backup needs a second factor at most this old. */
    static final Duration STEP_UP = Duration.ofSeconds(30);

    @TempDir
    static Path tmp;

    static RunningServer server;
    static Path backups;

    @BeforeAll
    static void start() throws IOException {
        backups = Files.createDirectories(tmp.resolve("backups"));
        server = RunningServer.start(Map.of(
                "backup.dir",
                backups.toString(),
                "identity.administration.step-up-max-age",
                STEP_UP.toSeconds() + "s"));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void aBackupOfTheRunningServerTakenWhilePatientsAreCreatedRestoresWithTheCommandLine() throws Exception {
        Installation target = Installation.h2(
                tmp.resolve("restored"),
                "--securevisit.master-key-file=" + server.dataDir().resolve("keys/master.key"));
        backUpWhileWritingAndRestore(server, backups, freshAdmin(), "h2", target);
    }

    /**
     * Backs {@code server} up through the API while a staff member keeps creating patients, restores
     * the backup into {@code target} with the command line and checks the trail and the patients;
     * returns the ids of the patients acknowledged before the backup was asked for.
     */
    static List<String> backUpWhileWritingAndRestore(
            RunningServer server, Path backups, Workforce admin, String database, Installation target)
            throws Exception {
        Workforce staff = signedIn(server, "bk.staff", "STAFF");
        List<String> acknowledged = new CopyOnWriteArrayList<>();
        AtomicBoolean stop = new AtomicBoolean();
        Thread writer = Thread.ofPlatform().start(() -> {
            while (!stop.get()) {
                HttpResponse<String> created = staff.post(
                        "/api/v1/patients",
                        body(
                                "mrn",
                                "BK-" + System.nanoTime(),
                                "fullName",
                                "Backup Patient",
                                "dateOfBirth",
                                "1970-01-02"));
                acknowledged.add(json(expect(created, 201)).path("id").asString());
            }
        });
        List<String> before;
        HttpResponse<String> answer;
        try {
            while (acknowledged.size() < 3) {
                assertThat(writer.isAlive()).as("the writing client").isTrue();
                Thread.sleep(20);
            }
            before = List.copyOf(acknowledged);
            answer = admin.post("/api/v1/backups", "");
        } finally {
            Thread.sleep(200); // writes go on after the backup too
            stop.set(true);
            writer.join();
        }
        var created = json(expect(answer, 201));
        assertThat(acknowledged).hasSizeGreaterThan(before.size());
        String id = created.path("id").asString();
        String name = created.path("fileName").asString();
        assertThat(name).matches("securevisit-\\d{8}T\\d{6}Z-" + id + "\\.backup");
        Path file = backups.resolve(name);
        assertThat(created.path("size").asLong()).isEqualTo(Files.size(file));
        assertThat(created.path("sha256").asString()).isEqualTo(sha256(file));
        assertThat(created.path("database").asString()).isEqualTo(database);
        assertThat(json(expect(admin.get("/api/v1/backups"), 200))
                        .path("backups")
                        .toString())
                .contains(id);
        assertThat(server.context()
                        .getBean(CapturedAuditEvents.class)
                        .matching(e -> e.action().equals("backup.create")
                                && e.outcome() == Outcome.SUCCESS
                                && id.equals(e.resourceId())
                                && Workforce.admin(server).id().equals(e.actorId())))
                .hasSize(1);

        Run restored = BackupRestoreH2Tests.restore(target, file.toString());
        assertThat(restored.exitCode()).as(restored.stderr()).isZero();
        target.assertTrailVerifies();
        target.withApplication(context -> {
            Patients patients = context.getBean(Patients.class);
            assertThat(before)
                    .allSatisfy(
                            p -> assertThat(patients.find(UUID.fromString(p))).isPresent());
        });
        return before;
    }

    @Test
    void theCommandLineRefusesARunningServerAndNamesTheApi() {
        Run r = Installation.run(
                "backup", tmp.resolve("cli.backup").toString(), "--securevisit.data-dir=" + server.dataDir());
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.stderr()).contains("POST /api/v1/backups").doesNotContain("Exception");
        assertThat(tmp.resolve("cli.backup")).doesNotExist();
    }

    @Test
    void aSecondBackupWhileOneIsWrittenIsRefused() throws Exception {
        // A large blob makes the first backup last long enough to be seen writing.
        Path filler =
                Files.createDirectories(server.dataDir().resolve("blobs/zz")).resolve("filler");
        try (OutputStream out = Files.newOutputStream(filler)) {
            byte[] chunk = new byte[1 << 20];
            for (int i = 0; i < 96; i++) {
                out.write(chunk);
            }
        }
        try {
            Workforce admin = freshAdmin();
            CompletableFuture<HttpResponse<String>> first =
                    CompletableFuture.supplyAsync(() -> admin.post("/api/v1/backups", ""));
            while (!partialBackupPresent() && !first.isDone()) {
                Thread.sleep(5);
            }
            assertThat(first).as("the first backup was still being written").isNotDone();
            problem(admin.post("/api/v1/backups", ""), 409, "backup-in-progress");
            expect(first.get(), 201);
            assertThat(audit().matching(e -> e.action().equals("backup.create")
                            && e.outcome() == Outcome.DENIED
                            && "backup-in-progress".equals(e.reason())))
                    .hasSize(1);
        } finally {
            Files.delete(filler);
        }
    }

    @Test
    void anonymousCallersAndCliniciansAreRefused() {
        int count = files().size();
        Workforce anonymous = Workforce.on(server);
        problem(anonymous.post("/api/v1/backups", ""), 401, "unauthenticated");
        problem(anonymous.get("/api/v1/backups"), 401, "unauthenticated");
        Workforce clinician = signedIn("bk.doc", "CLINICIAN");
        problem(clinician.post("/api/v1/backups", ""), 403, "forbidden");
        problem(clinician.get("/api/v1/backups"), 403, "forbidden");
        assertThat(files()).hasSize(count);
    }

    @Test
    void anAdministratorWithAStaleSecondFactorMustStepUp() throws Exception {
        String username = Workforce.unique("bk.admin");
        String password = "a long passphrase, " + UUID.randomUUID();
        String adminId = Workforce.newUser(server, username, password, "ADMIN");
        Workforce admin = Workforce.on(server);
        admin.firstSignIn(username, password);
        long count = files().size();
        Workforce.sleep(STEP_UP.plusSeconds(1));
        problem(admin.post("/api/v1/backups", ""), 403, "step-up-required");
        assertThat(files()).hasSize((int) count);
        assertThat(audit().matching(e -> e.action().equals("backup.create")
                        && e.outcome() == Outcome.DENIED
                        && adminId.equals(e.actorId())
                        && "step-up-required".equals(e.reason())))
                .hasSize(1);
    }

    @Test
    void auditorsSeeTheBackupsAndTheLastRestoreDrillsButMakeNone() {
        Instant at = Instant.parse("2026-11-30T10:00:00Z");
        JdbcRestoreDrills drills = server.context().getBean(JdbcRestoreDrills.class);
        RestoreDrill passed = new RestoreDrill(
                UUID.randomUUID().toString(), at, Duration.ofSeconds(14), "b-1", at, "h2", true, "restored");
        RestoreDrill failed = new RestoreDrill(
                UUID.randomUUID().toString(), at.plusSeconds(60), Duration.ofSeconds(3), "b-2", at, "h2", false, "x");
        drills.record(passed);
        drills.record(failed);
        Workforce auditor = signedIn("bk.auditor", "AUDITOR");
        var listing = json(expect(auditor.get("/api/v1/backups"), 200));
        assertThat(listing.path("lastDrill").path("id").asString()).isEqualTo(failed.id());
        assertThat(listing.path("lastPassedDrill").path("id").asString()).isEqualTo(passed.id());
        assertThat(listing.path("backups").isArray()).isTrue();
        problem(auditor.post("/api/v1/backups", ""), 403, "forbidden");
    }

    @Test
    void withoutABackupDirectoryTheApiAnswersConflict() {
        RunningServer plain = TestServers.h2();
        Workforce admin = Workforce.adminClient(plain);
        problem(admin.post("/api/v1/backups", ""), 409, "backup-dir-not-configured");
        assertThat(json(expect(admin.get("/api/v1/backups"), 200))
                        .path("backups")
                        .size())
                .isZero();
    }

    private static Workforce signedIn(String prefix, String role) {
        return signedIn(server, prefix, role);
    }

    private static Workforce signedIn(RunningServer server, String prefix, String role) {
        String username = Workforce.unique(prefix);
        String password = "a long passphrase, " + UUID.randomUUID();
        Workforce.newUser(server, username, password, role);
        Workforce client = Workforce.on(server);
        client.firstSignIn(username, password);
        return client;
    }

    /** The server's first administrator, with a second factor verified just now. */
    private static Workforce freshAdmin() {
        return Workforce.adminClient(server).stepUp(Workforce.admin(server));
    }

    private static boolean partialBackupPresent() throws IOException {
        return files().stream().anyMatch(f -> f.getFileName().toString().contains(".partial-"));
    }

    private static List<Path> files() {
        try (Stream<Path> files = Files.list(backups)) {
            return files.toList();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static CapturedAuditEvents audit() {
        return server.context().getBean(CapturedAuditEvents.class);
    }

    private static void problem(HttpResponse<String> response, int status, String code) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        if (code != null) {
            assertThat(json(response).path("code").asString()).isEqualTo(code);
        }
    }

    private static String sha256(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }
}
