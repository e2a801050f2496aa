package health.securevisit.support;

import health.securevisit.platform.internal.DatabaseTarget;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;

/** Fresh in-memory H2 databases with the server's own URL options, for tests without a server. */
public final class InMemoryH2 {

    private InMemoryH2() {}

    /** An empty database named after {@code purpose} (plus a random suffix), kept until the JVM ends. */
    public static JdbcDataSource database(String purpose) {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL(
                "jdbc:h2:mem:" + purpose + "-" + UUID.randomUUID() + DatabaseTarget.H2_OPTIONS + ";DB_CLOSE_DELAY=-1");
        h2.setUser("sa");
        return h2;
    }

    /** As {@link #database}, migrated by the portable migrations ({@code db/migration}). */
    public static JdbcDataSource migrated(String purpose) {
        JdbcDataSource h2 = database(purpose);
        Flyway.configure()
                .dataSource(h2)
                .locations("classpath:db/migration")
                .load()
                .migrate();
        return h2;
    }
}
