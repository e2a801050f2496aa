package health.securevisit.records;

import health.securevisit.support.RunningServer;
import health.securevisit.support.TestServers;

/** The recording contract on the embedded H2 database. */
class RecordingH2Tests extends RecordingContract {

    @Override
    RunningServer server() {
        return TestServers.h2();
    }
}
