package health.securevisit.access;

import health.securevisit.support.RunningServer;

/** {@link AccessServerTests} on the embedded H2 database. */
class AccessOnH2Tests extends AccessServerTests {

    @Override
    RunningServer server() {
        return ProbeServers.h2();
    }
}
