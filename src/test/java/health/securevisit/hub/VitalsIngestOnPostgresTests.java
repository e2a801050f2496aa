package health.securevisit.hub;

import health.securevisit.support.RunningServer;
import health.securevisit.support.TestServers;

/**
 * {@link VitalsIngestTests} on PostgreSQL (migration V130 there too): enrolment, ingest, idempotent
 * resend, refused bad input, quarantine and the care team's view read back.
 */
class VitalsIngestOnPostgresTests extends VitalsIngestTests {

    @Override
    RunningServer server() {
        return TestServers.postgres();
    }
}
