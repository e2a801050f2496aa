package health.securevisit.patient;

import health.securevisit.support.RunningServer;
import health.securevisit.support.TestServers;

/** The patient contract on the embedded H2 database. */
class PatientApiH2Tests extends PatientApiContract {

    @Override
    RunningServer server() {
        return TestServers.h2();
    }
}
