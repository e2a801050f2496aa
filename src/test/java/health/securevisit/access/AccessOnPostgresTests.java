package health.securevisit.access;

import health.securevisit.support.RunningServer;

/** {@link AccessServerTests} on PostgreSQL. */
class AccessOnPostgresTests extends AccessServerTests {

    @Override
    RunningServer server() {
        return ProbeServers.postgres();
    }
}
