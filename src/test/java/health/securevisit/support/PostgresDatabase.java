package health.securevisit.support;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;

/**
 * A throw-away PostgreSQL database for one test run, created through the server named by
 * {@code SECUREVISIT_TEST_PG_URL} (default {@code jdbc:postgresql://127.0.0.1:5432/postgres}, user
 * {@code SECUREVISIT_TEST_PG_USER}, default {@code postgres}) and dropped by {@link #drop()}. When
 * PostgreSQL cannot be reached the test fails: these tests are never skipped.
 */
public record PostgresDatabase(String url, String user) {

    static final String ADMIN_URL = env("SECUREVISIT_TEST_PG_URL", "jdbc:postgresql://127.0.0.1:5432/postgres");
    static final String USER = env("SECUREVISIT_TEST_PG_USER", "postgres");

    public static PostgresDatabase create() {
        byte[] random = new byte[6];
        new SecureRandom().nextBytes(random);
        String name = "securevisit_test_" + HexFormat.of().formatHex(random);
        execute("CREATE DATABASE " + name);
        String base = ADMIN_URL.substring(0, ADMIN_URL.lastIndexOf('/') + 1);
        return new PostgresDatabase(base + name, USER);
    }

    /** Drops the database, ending any connection still open to it. */
    public void drop() {
        execute("DROP DATABASE IF EXISTS " + name() + " WITH (FORCE)");
    }

    public String name() {
        return url.substring(url.lastIndexOf('/') + 1);
    }

    public Connection connect() throws SQLException {
        return DriverManager.getConnection(url, user, "");
    }

    private static void execute(String sql) {
        try (Connection c = DriverManager.getConnection(ADMIN_URL, USER, "");
                Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(
                    "PostgreSQL at " + ADMIN_URL + " is required for this test and could not be used: "
                            + e.getMessage(),
                    e);
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
