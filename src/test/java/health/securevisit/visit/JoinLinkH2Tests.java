package health.securevisit.visit;

import static org.assertj.core.api.Assertions.assertThat;

import health.securevisit.support.RunningServer;
import health.securevisit.support.TestServers;
import org.junit.jupiter.api.Test;

/** Join links on H2. */
class JoinLinkH2Tests extends JoinLinkContract {

    @Override
    RunningServer server() {
        return TestServers.h2();
    }

    /** The inherited contract runs on the database this class names, not on a fallback. */
    @Test
    void runsOnTheEmbeddedH2Database() {
        assertThat(server().databaseProduct()).isEqualTo("H2");
    }
}
