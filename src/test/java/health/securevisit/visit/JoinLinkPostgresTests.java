package health.securevisit.visit;

import health.securevisit.support.RunningServer;
import health.securevisit.support.TestServers;

/** Join links on Postgres. */
class JoinLinkPostgresTests extends JoinLinkContract {

    @Override
    RunningServer server() {
        return TestServers.postgres();
    }
}
