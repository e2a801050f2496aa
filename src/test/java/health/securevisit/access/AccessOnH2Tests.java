package health.securevisit.access;

import static org.assertj.core.api.Assertions.assertThat;

import health.securevisit.support.RunningServer;
import org.junit.jupiter.api.Test;

/** {@link AccessServerTests} on the embedded H2 database. */
class AccessOnH2Tests extends AccessServerTests {

    @Override
    RunningServer server() {
        return ProbeServers.h2();
    }

    /** The inherited contract runs on the database this class names, not on a fallback. */
    @Test
    void runsOnTheEmbeddedH2Database() {
        assertThat(server().databaseProduct()).isEqualTo("H2");
    }
}
