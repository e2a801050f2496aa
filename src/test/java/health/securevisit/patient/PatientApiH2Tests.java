package health.securevisit.patient;

import static org.assertj.core.api.Assertions.assertThat;

import health.securevisit.support.RunningServer;
import health.securevisit.support.TestServers;
import org.junit.jupiter.api.Test;

/** The patient contract on the embedded H2 database. */
class PatientApiH2Tests extends PatientApiContract {

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
