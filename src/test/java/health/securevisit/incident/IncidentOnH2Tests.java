package health.securevisit.incident;

import health.securevisit.support.RunningServer;
import health.securevisit.support.TestServers;

/** {@link IncidentServerTests} on the embedded H2 database. */
class IncidentOnH2Tests extends IncidentServerTests {

    @Override
    RunningServer server() {
        return TestServers.h2();
    }
}
