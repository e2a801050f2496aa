package health.securevisit.access;

import static org.assertj.core.api.Assertions.assertThat;

import health.securevisit.support.RunningServer;
import org.junit.jupiter.api.Test;

/** {@link AccessServerTests} on PostgreSQL. */
class AccessOnPostgresTests extends AccessServerTests {

    @Override
    RunningServer server() {
        return ProbeServers.postgres();
    }

    /** The inherited contract runs on the database this class names, not on a fallback. */
    @Test
    void runsOnThePostgreSqlDatabase() {
        assertThat(server().databaseProduct()).isEqualTo("PostgreSQL");
    }
}
