package health.securevisit.incident;

import health.securevisit.support.RunningServer;
import health.securevisit.support.TestServers;

/** {@link IncidentServerTests} on PostgreSQL. */
class IncidentOnPostgresTests extends IncidentServerTests {

    @Override
    RunningServer server() {
        return TestServers.postgres();
    }
}
