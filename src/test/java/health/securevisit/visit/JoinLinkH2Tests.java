package health.securevisit.visit;

import health.securevisit.support.RunningServer;
import health.securevisit.support.TestServers;

/** Join links on H2. */
class JoinLinkH2Tests extends JoinLinkContract {

    @Override
    RunningServer server() {
        return TestServers.h2();
    }
}
