package health.securevisit.visit;

import health.securevisit.support.RunningServer;
import health.securevisit.support.TestServers;

/** The visit contract on PostgreSQL. */
class VisitPostgresTests extends VisitContract {

    @Override
    RunningServer server() {
        return TestServers.postgres();
    }
}
