package health.securevisit.detection;

import health.securevisit.support.RunningServer;
import health.securevisit.support.TestServers;

/** {@link DetectionServerTests} on PostgreSQL. */
class DetectionOnPostgresTests extends DetectionServerTests {

    @Override
    RunningServer server() {
        return TestServers.postgres();
    }
}
