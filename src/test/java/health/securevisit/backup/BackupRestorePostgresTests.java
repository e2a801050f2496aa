package health.securevisit.backup;

import static health.securevisit.backup.BackupRestoreH2Tests.assertOneLineRefusal;
import static org.assertj.core.api.Assertions.assertThat;

import health.securevisit.backup.Installation.Content;
import health.securevisit.backup.Installation.Run;
import health.securevisit.support.PostgresDatabase;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code backup} (pg_dump) and {@code restore} (pg_restore) on PostgreSQL. */
class BackupRestorePostgresTests {

    @TempDir
    static Path tmp;

    static final List<PostgresDatabase> databases = new ArrayList<>();
    static Installation source;
    static Content content;
    static Path backup;

    static PostgresDatabase database() {
        PostgresDatabase db = PostgresDatabase.create();
        databases.add(db);
        return db;
    }

    @BeforeAll
    static void backUpAPopulatedInstallation() {
        source = Installation.postgres(tmp.resolve("source"), database());
        content = source.populate();
        backup = tmp.resolve("securevisit.backup");
        assertThat(source.backUp(backup).stdout()).contains("postgresql database, 1 blob(s)");
    }

    @AfterAll
    static void dropDatabases() {
        databases.forEach(PostgresDatabase::drop);
    }

    @Test
    void restoredDatabaseVerifiesItsTrailAndReadsPatientsAndArtifacts() {
        Installation target = Installation.postgres(tmp.resolve("restored"), database(), source.masterKeyArg());
        Run r = BackupRestoreH2Tests.restore(target, backup.toString());
        assertThat(r.exitCode()).as(r.stderr()).isZero();

        target.assertTrailVerifies();
        target.assertReadsBack(content);
    }

    @Test
    void refusesANonEmptyDatabase() {
        Installation target = Installation.postgres(tmp.resolve("into-live"), source.database(), source.masterKeyArg());
        Run r = BackupRestoreH2Tests.restore(target, backup.toString());
        assertOneLineRefusal(r, 3, "database of SECUREVISIT_DB_URL is not empty");
        assertThat(target.dataDir()).doesNotExist();
    }

    @Test
    void refusesABackupOfTheOtherDatabaseKind() {
        Installation target = Installation.h2(tmp.resolve("h2-target"), source.masterKeyArg());
        assertOneLineRefusal(BackupRestoreH2Tests.restore(target, backup.toString()), 1, "backup is of postgresql");
        assertThat(target.dataDir()).doesNotExist();
    }

    @Test
    void restoreDrillUsesAThrowAwayDatabaseAndIsRecorded() {
        Installation live = Installation.postgres(source.dataDir(), source.database(), source.masterKeyArg());
        Run r = BackupRestoreH2Tests.restore(live, "--drill", backup.toString());
        assertThat(r.exitCode()).as(r.stderr()).isZero();
        assertThat(r.stdout()).contains("passed").contains("1 patient(s), 1 artifact(s)");
        source.withApplication(
                context -> assertThat(context.getBean(RestoreDrills.class).lastPassed())
                        .get()
                        .satisfies(d -> assertThat(d.database()).isEqualTo("postgresql")));
    }
}
