package health.securevisit.patient;

import static org.assertj.core.api.Assertions.assertThat;

import health.securevisit.support.RunningServer;
import health.securevisit.support.TestServers;
import org.junit.jupiter.api.Test;

/** The patient contract on PostgreSQL. */
class PatientApiPostgresTests extends PatientApiContract {

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
