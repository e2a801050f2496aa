package health.securevisit.audit.internal;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import health.securevisit.audit.AuditEvent;
import health.securevisit.audit.AuditRecord;
import health.securevisit.audit.Outcome;
import health.securevisit.audit.PurposeOfUse;
import health.securevisit.platform.PlatformSettings;
import health.securevisit.platform.internal.DatabaseTarget;
import health.securevisit.support.PostgresDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Period;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.springframework.util.unit.DataSize;

/**
 * The audit trail's real components on a real database (a fresh H2 file database or a throw-away
 * PostgreSQL database), migrated by the real Flyway migrations, without a web server.
 */
final class TrailFixture implements AutoCloseable {

    /** The clock of the trail under test (the application injects its one platform clock). */
    static final Clock CLOCK = Clock.systemUTC();

    final String vendor;
    final Path dataDir;
    final HikariDataSource dataSource;
    final AuditSettings settings;
    final AuditWriter writer;
    final JdbcAuditTrail trail;
    final TreeReader tree;
    final Checkpoints checkpoints;
    final Checkpointer checkpointer;
    final JdkTestSigner signer = new JdkTestSigner();
    private final PostgresDatabase postgres;

    private TrailFixture(String vendor, Path dataDir, String url, String user, PostgresDatabase postgres) {
        this.vendor = vendor;
        this.dataDir = dataDir;
        this.postgres = postgres;
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setUsername(user);
        config.setPassword("");
        config.setMaximumPoolSize(4);
        this.dataSource = new HikariDataSource(config);
        Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration", "classpath:db/vendor/" + vendor)
                .load()
                .migrate();
        this.settings = settings(dataDir.resolve("audit"));
        this.writer = new AuditWriter(dataSource, settings, CLOCK);
        this.trail = new JdbcAuditTrail(writer);
        this.tree = new TreeReader(dataSource);
        this.checkpoints = new Checkpoints(dataSource);
        PlatformSettings platform = new PlatformSettings(
                dataDir, new PlatformSettings.Db(null, null, null), "text", DataSize.ofMegabytes(1), null);
        this.checkpointer =
                new Checkpointer(tree, checkpoints, signer, new Publication(settings, platform), settings, CLOCK);
        writer.start();
        new Publication(settings, platform).publishKey(signer);
    }

    static AuditSettings settings(Path publishDir) {
        return settings(
                publishDir,
                new ExportSettings(
                        false, false, 500, Duration.ofMillis(50), Duration.ofMillis(200), Duration.ofMillis(50)),
                new SyslogSettings(null, 6514, null, null, Duration.ofSeconds(5)));
    }

    static AuditSettings settings(Path publishDir, ExportSettings export, SyslogSettings syslog) {
        return new AuditSettings(
                Period.ofYears(6),
                "securevisit.test/audit",
                Duration.ofMillis(500),
                Duration.ofSeconds(10),
                4096,
                65536,
                publishDir,
                Duration.ofHours(1),
                export,
                syslog,
                true);
    }

    static TrailFixture h2(Path dataDir) {
        String url = "jdbc:h2:file:" + dataDir.resolve("db").resolve("securevisit") + DatabaseTarget.H2_OPTIONS;
        return new TrailFixture("h2", dataDir, url, "sa", null);
    }

    static TrailFixture postgres(Path dataDir) {
        PostgresDatabase db = PostgresDatabase.create();
        return new TrailFixture("postgresql", dataDir, db.url(), db.user(), db);
    }

    static TrailFixture of(String vendor, Path dataDir) {
        return vendor.equals("h2") ? h2(dataDir) : postgres(dataDir);
    }

    /** The settings that point the command line at this database. */
    List<String> cliArgs() {
        return postgres == null
                ? List.of("--securevisit.data-dir=" + dataDir)
                : List.of(
                        "--securevisit.data-dir=" + dataDir,
                        "--securevisit.db.url=" + postgres.url(),
                        "--securevisit.db.user=" + postgres.user());
    }

    static AuditEvent event(int i) {
        return AuditEvent.builder("chart.read", i % 5 == 4 ? Outcome.DENIED : Outcome.SUCCESS, PurposeOfUse.TREATMENT)
                .actor("user-" + (i % 3), "CLINICIAN")
                .session("s-" + i, "webauthn")
                .resource("patient", "p-" + (i % 7))
                .patient("p-" + (i % 7))
                .source("127.0.0.1", null)
                .request("req-" + i)
                .build();
    }

    AuditRecord record(int i) {
        return trail.record(event(i));
    }

    void recordRange(int from, int to) {
        for (int i = from; i < to; i++) {
            record(i);
        }
    }

    /** Records events {@code from..to-1} from many threads at once (group commits, as under load). */
    void recordConcurrently(int from, int to) {
        try (var pool = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = from; i < to; i++) {
                int id = i;
                pool.submit(() -> record(id));
            }
        }
    }

    /** Inserts a row as an attacker would (no writer, no tree update). */
    void insertRaw(StoredEntry e) throws SQLException {
        try (Connection c = dataSource.getConnection();
                java.sql.PreparedStatement ps = c.prepareStatement(StoredEntry.INSERT)) {
            e.bind(ps);
            ps.executeUpdate();
        }
    }

    /** A checkpoint of {@code size} and {@code root} signed by a key that is not the log's. */
    static String signedByAnotherKey(long size, byte[] root) throws java.security.GeneralSecurityException {
        var attacker = java.security.KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        CheckpointNote body = new CheckpointNote("securevisit.test/audit", size, root);
        java.security.Signature s = java.security.Signature.getInstance("Ed25519");
        s.initSign(attacker.getPrivate());
        s.update(body.body().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return body.sign(
                "securevisit.test/audit",
                CheckpointNote.rawKey(attacker.getPublic().getEncoded()),
                s.sign());
    }

    /** Runs SQL as an attacker with direct database access: the append-only triggers are bypassed. */
    void tamper(String... statements) throws SQLException {
        try (Connection c = dataSource.getConnection();
                Statement s = c.createStatement()) {
            if (vendor.equals("h2")) {
                s.execute("DROP TRIGGER IF EXISTS audit_entry_append_only");
                s.execute("DROP TRIGGER IF EXISTS audit_checkpoint_append_only");
                s.execute("DROP TRIGGER IF EXISTS audit_node_append_only");
            } else {
                s.execute("SET session_replication_role = replica");
            }
            for (String sql : statements) {
                s.execute(sql);
            }
            if (!vendor.equals("h2")) {
                s.execute("SET session_replication_role = DEFAULT");
            }
        }
    }

    VerificationReport verify(List<String> kept) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            return new TrailVerifier(new TrailVerifier.TrustedKey("securevisit.test/audit", signer.publicKey()))
                    .verify(c, kept);
        }
    }

    VerificationReport verify() throws SQLException {
        return verify(List.of());
    }

    @Override
    public void close() {
        writer.stop();
        dataSource.close();
        if (postgres != null) {
            postgres.drop();
        }
    }
}
