package health.securevisit.visit;

import health.securevisit.support.RunningServer;
import health.securevisit.support.TestServers;

/** The visit contract on the embedded H2 database. */
class VisitH2Tests extends VisitContract {

    @Override
    RunningServer server() {
        return TestServers.h2();
    }
}
