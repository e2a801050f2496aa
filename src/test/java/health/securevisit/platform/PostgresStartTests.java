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
    void appliesTheSameMigrationsAsH2() throws Exception {
        List<String> pgMigrations = migrations(pg);
        List<String> h2Migrations = migrations(h2);
        assertThat(versions(pgMigrations)).isNotEmpty().isEqualTo(versions(h2Migrations));
        // Portable migrations (db/migration) are identical; those in db/vendor/{vendor} differ by design.
        List<String> vendorSpecific = vendorVersions();
        assertThat(vendorSpecific).isNotEmpty();
        assertThat(pgMigrations.stream().filter(m -> !vendorSpecific.contains(version(m))))
                .isNotEmpty()
                .containsExactlyElementsOf(h2Migrations.stream()
                        .filter(m -> !vendorSpecific.contains(version(m)))
                        .toList());
    }

    static String version(String migration) {
        return migration.substring(0, migration.indexOf(':'));
    }

    static List<String> versions(List<String> migrations) {
        return migrations.stream().map(PostgresStartTests::version).toList();
    }

    /** Versions that have a vendor-specific script for both H2 and PostgreSQL. */
    static List<String> vendorVersions() throws java.io.IOException {
        var resolver = new org.springframework.core.io.support.PathMatchingResourcePatternResolver();
        List<String> h2 = java.util.Arrays.stream(resolver.getResources("classpath:db/vendor/h2/V*.sql"))
                .map(r -> r.getFilename().substring(1, r.getFilename().indexOf("__")))
                .sorted()
                .toList();
        List<String> postgres = java.util.Arrays.stream(resolver.getResources("classpath:db/vendor/postgresql/V*.sql"))
                .map(r -> r.getFilename().substring(1, r.getFilename().indexOf("__")))
                .sorted()
                .toList();
        assertThat(h2).isEqualTo(postgres);
        return h2;
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
