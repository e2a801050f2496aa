package health.securevisit.platform.internal;

import health.securevisit.platform.PlatformSettings;
import health.securevisit.platform.StartupException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Properties;
import org.jspecify.annotations.Nullable;
import org.postgresql.Driver;

/**
 * Which database the server uses: the embedded H2 file database in the data directory, or the
 * PostgreSQL database named by {@code SECUREVISIT_DB_URL}. A remote PostgreSQL must be reached over
 * TLS with certificate and host name verification ({@code sslmode=verify-full}); only a database
 * on this machine (loopback or Unix socket) may be reached without it.
 */
public record DatabaseTarget(
        String url, @Nullable String user, @Nullable String password, boolean embedded) {

    static final String URL = "SECUREVISIT_DB_URL";

    /**
     * The URL options of the embedded H2 database, also for the test databases that stand in for it.
     * QUERY_CACHE_SIZE: H2 keeps 8 parsed statements per connection by default, fewer than one audited
     * PHI read issues (session, decision, audit, chart), so it re-parsed SQL. DB_CLOSE_ON_EXIT=FALSE:
     * H2 otherwise closes the database in a JVM shutdown hook of its own, beside Spring's, so a stop by
     * signal found it closed under the stopping application (the audit trail's last checkpoint was not
     * signed; GracefulStopTests); the connection pool closes it when the application has stopped.
     */
    public static final String H2_OPTIONS = ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH"
            + ";QUERY_CACHE_SIZE=128;DB_CLOSE_ON_EXIT=FALSE";

    public static DatabaseTarget of(PlatformSettings.Db db, Path dataDir) {
        if (db.embedded()) {
            String file = dataDir.resolve("db").resolve("securevisit").toString();
            return new DatabaseTarget("jdbc:h2:file:" + file + H2_OPTIONS, "sa", "", true);
        }
        String url = db.url().trim();
        if (!url.startsWith("jdbc:postgresql:")) {
            throw new StartupException(URL, "must be a PostgreSQL JDBC URL (jdbc:postgresql://host:port/database)");
        }
        Properties parsed = Driver.parseURL(url, null);
        if (parsed == null) {
            throw new StartupException(URL, "is not a valid PostgreSQL JDBC URL");
        }
        requireTlsUnlessLocal(parsed);
        return new DatabaseTarget(url, db.user(), db.password(), false);
    }

    private static void requireTlsUnlessLocal(Properties parsed) {
        String sslmode = parsed.getProperty("sslmode", "").toLowerCase(Locale.ROOT);
        if (sslmode.equals("verify-full") || parsed.getProperty("socketFactory") != null) {
            return;
        }
        for (String host : parsed.getProperty("PGHOST", "localhost").split(",")) {
            if (!isLoopback(host)) {
                throw new StartupException(
                        URL,
                        "the database host " + host
                                + " is not on this machine, so the connection must use TLS with certificate"
                                + " verification: add sslmode=verify-full (and sslrootcert) to the URL");
            }
        }
    }

    private static boolean isLoopback(String host) {
        String h = host.trim();
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        if (h.equalsIgnoreCase("localhost")) {
            return true;
        }
        if (!h.matches("[0-9.]+|[0-9a-fA-F:]+")) {
            return false; // a name other than localhost: never trust DNS for this decision
        }
        try {
            return InetAddress.getByName(h).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /** Connects once to prove the database answers and accepts the credentials. */
    void checkReachable() {
        if (embedded) {
            return;
        }
        Properties props = new Properties();
        if (user != null) {
            props.setProperty("user", user);
        }
        if (password != null) {
            props.setProperty("password", password);
        }
        props.setProperty("connectTimeout", "5");
        props.setProperty("loginTimeout", "10");
        try (Connection c = DriverManager.getConnection(url, props)) {
            c.isValid(5);
        } catch (SQLException e) {
            String state = e.getSQLState() == null ? "" : e.getSQLState();
            if (state.startsWith("28")) {
                throw new StartupException(
                        "SECUREVISIT_DB_USER/SECUREVISIT_DB_PASSWORD", "the database refused these credentials", e);
            }
            if (state.equals("3D000")) {
                throw new StartupException(URL, "the database named in the URL does not exist", e);
            }
            throw new StartupException(URL, "cannot connect to the database (" + firstLine(e) + ")", e);
        }
    }

    private static String firstLine(SQLException e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String m = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }

    @Override
    public String toString() {
        return "DatabaseTarget[" + (embedded ? "embedded H2" : url) + "]";
    }
}
