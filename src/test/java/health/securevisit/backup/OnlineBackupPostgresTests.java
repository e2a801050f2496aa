package health.securevisit.backup;

import static org.assertj.core.api.Assertions.assertThat;

import health.securevisit.support.PostgresDatabase;
import health.securevisit.support.RunningServer;
import health.securevisit.support.Workforce;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code POST /api/v1/backups} on a server on PostgreSQL ({@code pg_dump} while patients are created). */
class OnlineBackupPostgresTests {

    @TempDir
    Path tmp;

    @Test
    void aBackupOfTheRunningServerTakenWhilePatientsAreCreatedRestoresIntoAnEmptyDatabase() throws Exception {
        PostgresDatabase source = PostgresDatabase.create();
        PostgresDatabase restored = PostgresDatabase.create();
        Path backups = Files.createDirectories(tmp.resolve("backups"));
        try (RunningServer server = RunningServer.start(
                Map.of("db.url", source.url(), "db.user", source.user(), "backup.dir", backups.toString()))) {
            Installation target = Installation.postgres(
                    tmp.resolve("restored"),
                    restored,
                    "--securevisit.master-key-file=" + server.dataDir().resolve("keys/master.key"));
            List<String> before = OnlineBackupApiTests.backUpWhileWritingAndRestore(
                    server, backups, Workforce.adminClient(server), "postgresql", target);
            // The restore went into the second, empty database: it now holds at least those patients.
            try (Connection c = restored.connect();
                    ResultSet rs = c.createStatement().executeQuery("SELECT count(*) FROM patient")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getLong(1)).isGreaterThanOrEqualTo(before.size()).isPositive();
            }
        } finally {
            source.drop();
            restored.drop();
        }
    }
}
