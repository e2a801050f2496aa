package health.securevisit.records;

import health.securevisit.support.RunningServer;
import health.securevisit.support.TestServers;

/** The recording contract on PostgreSQL. */
class RecordingPostgresTests extends RecordingContract {

    @Override
    RunningServer server() {
        return TestServers.postgres();
    }
}
