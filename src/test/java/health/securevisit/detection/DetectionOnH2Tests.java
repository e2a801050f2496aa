package health.securevisit.detection;

import health.securevisit.support.RunningServer;
import health.securevisit.support.TestServers;

/** {@link DetectionServerTests} on the embedded H2 database. */
class DetectionOnH2Tests extends DetectionServerTests {

    @Override
    RunningServer server() {
        return TestServers.h2();
    }
}
