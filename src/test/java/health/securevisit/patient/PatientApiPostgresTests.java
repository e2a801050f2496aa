package health.securevisit.patient;

import health.securevisit.support.RunningServer;
import health.securevisit.support.TestServers;

/** The patient contract on PostgreSQL. */
class PatientApiPostgresTests extends PatientApiContract {

    @Override
    RunningServer server() {
        return TestServers.postgres();
    }
}
