package health.securevisit.access;

import health.securevisit.support.PostgresDatabase;
import health.securevisit.support.RunningServer;
import java.util.Map;

/**
 * Servers with the {@link AccessProbe} switched on (one on H2, one on a throw-away PostgreSQL
 * database), shared by the access tests of one run; they stop when the JVM exits.
 */
final class ProbeServers {

    private static final String PROBE = "test.access-probe";
    private static RunningServer h2;
    private static RunningServer postgres;

    private ProbeServers() {}

    static synchronized RunningServer h2() {
        if (h2 == null) {
            RunningServer server = RunningServer.start(Map.of(PROBE, "true"));
            Runtime.getRuntime().addShutdownHook(new Thread(server::close));
            h2 = server;
        }
        return h2;
    }

    static synchronized RunningServer postgres() {
        if (postgres == null) {
            PostgresDatabase db = PostgresDatabase.create();
            RunningServer server = RunningServer.start(Map.of(PROBE, "true", "db.url", db.url(), "db.user", db.user()));
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                server.close();
                db.drop();
            }));
            postgres = server;
        }
        return postgres;
    }
}
