package health.securevisit.hub;

import static org.assertj.core.api.Assertions.assertThat;

import health.securevisit.support.RunningServer;
import health.securevisit.support.TestServers;
import org.junit.jupiter.api.Test;

/**
 * {@link VitalsIngestTests} on PostgreSQL (migration V130 there too): enrolment, ingest, idempotent
 * resend, refused bad input, quarantine and the care team's view read back.
 */
class VitalsIngestOnPostgresTests extends VitalsIngestTests {

    @Override
    RunningServer server() {
        return TestServers.postgres();
    }

    /** The inherited contract runs on the database this class names, not on a fallback. */
    @Test
    void runsOnThePostgreSqlDatabase() {
        assertThat(server().databaseProduct()).isEqualTo("PostgreSQL");
    }
}
