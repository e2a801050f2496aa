package health.securevisit.platform;

import static org.assertj.core.api.Assertions.assertThat;

import health.securevisit.support.RunningServer;
import health.securevisit.support.TestServers;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/** The same server on PostgreSQL: the same migrations, the same answers. */
class PostgresStartTests {

    final RunningServer pg = TestServers.postgres();
    final RunningServer h2 = TestServers.h2();

    @Test
    void runsOnPostgres() throws Exception {
        try (var c = pg.context().getBean(DataSource.class).getConnection()) {
            assertThat(c.getMetaData().getDatabaseProductName()).isEqualTo("PostgreSQL");
        }
        assertThat(pg.dataDir().resolve("db")).doesNotExist();
    }

    @Test
    void appliesTheSameMigrationsAsH2() {
        assertThat(migrations(pg)).isNotEmpty().isEqualTo(migrations(h2));
    }

    @Test
    void readinessIsUpOnPostgres() {
        var response = pg.get("/api/v1/health/readiness");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{\"status\":\"UP\"}");
    }

    static List<String> migrations(RunningServer server) {
        JdbcTemplate jdbc = new JdbcTemplate(server.context().getBean(DataSource.class));
        return jdbc.queryForList(
                "SELECT \"version\" || ':' || \"checksum\" FROM \"flyway_schema_history\" WHERE \"success\" = TRUE"
                        + " AND \"version\" IS NOT NULL ORDER BY \"installed_rank\"",
                String.class);
    }
}
