package health.securevisit.keys.internal;

import health.securevisit.platform.internal.DatabaseTarget;
import health.securevisit.support.InMemoryH2;
import health.securevisit.support.PostgresDatabase;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.jspecify.annotations.Nullable;
import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.unit.DataSize;

/**
 * The keys module assembled the way {@link KeysConfiguration} does it, on a real database (a fresh
 * in-memory H2 in PostgreSQL mode, or a throw-away PostgreSQL database) and a temp data directory,
 * with the Flyway migrations applied. {@link #restart()} builds a new instance on the same state, as
 * a server restart does.
 */
final class KeysFixture implements AutoCloseable {

    enum Db {
        H2,
        POSTGRES
    }

    final Db db;
    final Path dataDir;
    final DataSource dataSource;
    final KeySettings settings;
    final JdbcClient jdbc;
    final DataKeyRepository repository;
    final Keyring keyring;
    final DataKeys keys;
    final List<Object> events;
    final IntegrityFailures failures;
    final TinkFieldEncryption fields;
    final FilesystemBlobStore blobs;
    final StreamingArtifactVault vault;
    final ScopeShredder shredder;
    final KeyRotationService rotation;
    private final @Nullable PostgresDatabase postgres;

    private KeysFixture(
            Db db, Path dataDir, DataSource dataSource, @Nullable PostgresDatabase postgres, KeySettings settings) {
        this.db = db;
        this.dataDir = dataDir;
        this.dataSource = dataSource;
        this.postgres = postgres;
        this.settings = settings;
        Clock clock = Clock.systemUTC();
        this.jdbc = JdbcClient.create(dataSource);
        this.repository = new DataKeyRepository(jdbc);
        this.keyring = KeyringLoader.load(settings, dataDir, repository.liveByVersion(), clock);
        this.keys = new DataKeys(repository, keyring, new DekCache(100, Duration.ofMinutes(5), clock), clock);
        this.events = new CopyOnWriteArrayList<>();
        TransactionTemplate tx = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        tx.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.failures = new IntegrityFailures(events::add, tx, clock);
        this.fields = new TinkFieldEncryption(keys, failures);
        this.blobs = new FilesystemBlobStore(dataDir.resolve("blobs"));
        this.vault = new StreamingArtifactVault(keys, blobs, failures);
        this.shredder = new ScopeShredder(keys, blobs);
        KeySettings.Tuning tuning = settings.keys();
        this.rotation = new KeyRotationService(
                keyring,
                repository,
                new RotationRepository(jdbc),
                new Rewrapper(keyring, keys, repository, tuning.rewrapBatchSize(), tuning.rewrapPause()),
                clock);
    }

    static KeysFixture start(Db db, Path dataDir) {
        return start(db, dataDir, settings(2, Duration.ZERO));
    }

    /** On an H2 file database in {@code dataDir/db}, which another process can open after this one ends. */
    static KeysFixture startH2File(Path dataDir) {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:file:" + dataDir.resolve("db/keys") + DatabaseTarget.H2_OPTIONS);
        h2.setUser("sa");
        return migrated(Db.H2, dataDir, h2, null, settings(2, Duration.ZERO));
    }

    static KeysFixture start(Db db, Path dataDir, KeySettings settings) {
        if (db == Db.H2) {
            return migrated(db, dataDir, InMemoryH2.database("keys"), null, settings);
        }
        PostgresDatabase database = PostgresDatabase.create();
        PGSimpleDataSource pg = new PGSimpleDataSource();
        pg.setURL(database.url());
        pg.setUser(database.user());
        return migrated(db, dataDir, pg, database, settings);
    }

    private static KeysFixture migrated(
            Db db, Path dataDir, DataSource dataSource, @Nullable PostgresDatabase postgres, KeySettings settings) {
        Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .load()
                .migrate();
        return new KeysFixture(db, dataDir, dataSource, postgres, settings);
    }

    /** File keyring with a generated master key; rotation batches of {@code batch} with {@code pause}. */
    static KeySettings settings(int batch, Duration pause) {
        return new KeySettings(
                "file",
                null,
                null,
                new KeySettings.Pkcs11(null, null, 0, null),
                new KeySettings.Tuning(100, Duration.ofMinutes(5), batch, pause, DataSize.ofBytes(0)));
    }

    /** A new instance on the same data directory and database, as after a restart (this one is stopped). */
    KeysFixture restart() {
        return restart(settings);
    }

    KeysFixture restart(KeySettings next) {
        rotation.close();
        return new KeysFixture(db, dataDir, dataSource, null, next); // the first instance drops the database
    }

    Map<Integer, Long> liveByVersion() {
        return repository.liveByVersion();
    }

    @Override
    public void close() {
        rotation.close();
        if (postgres != null) {
            postgres.drop();
        }
    }
}
