package health.securevisit.support;

import java.util.Map;

/**
 * Servers shared by the test classes of one run (starting one costs seconds): one on the embedded
 * H2 default and one on a throw-away PostgreSQL database. They stop when the JVM exits.
 */
public final class TestServers {

    private static RunningServer h2;
    private static RunningServer postgres;

    private TestServers() {}

    public static synchronized RunningServer h2() {
        if (h2 == null) {
            h2 = register(RunningServer.start(Map.of()));
        }
        return h2;
    }

    public static synchronized RunningServer postgres() {
        if (postgres == null) {
            PostgresDatabase db = PostgresDatabase.create();
            RunningServer server = RunningServer.start(Map.of("db.url", db.url(), "db.user", db.user()));
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                server.close();
                db.drop();
            }));
            postgres = server;
        }
        return postgres;
    }

    private static RunningServer register(RunningServer server) {
        Runtime.getRuntime().addShutdownHook(new Thread(server::close));
        return server;
    }
}
