package health.securevisit.platform.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import health.securevisit.platform.StartupException;
import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

/** The request worker pool: 8 on the embedded database, 200 on PostgreSQL, or the setting (1-1000). */
class WorkerThreadsTests {

    @Test
    void defaultsFollowTheDatabase() {
        assertThat(PlatformPreflight.workerThreads(new MockEnvironment(), true)).isEqualTo(8);
        assertThat(PlatformPreflight.workerThreads(new MockEnvironment(), false))
                .isEqualTo(200);
    }

    @Test
    void theSettingWinsWithinItsBounds() {
        MockEnvironment env = new MockEnvironment().withProperty(PlatformPreflight.WORKER_THREADS, " 16 ");
        assertThat(PlatformPreflight.workerThreads(env, true)).isEqualTo(16);
        assertThat(PlatformPreflight.workerThreads(env, false)).isEqualTo(16);
        for (String bad : new String[] {"0", "1001", "-3", "eight", "1.5"}) {
            MockEnvironment wrong = new MockEnvironment().withProperty(PlatformPreflight.WORKER_THREADS, bad);
            assertThatThrownBy(() -> PlatformPreflight.workerThreads(wrong, true))
                    .as(bad)
                    .isInstanceOf(StartupException.class)
                    .hasMessageContaining("SECUREVISIT_HTTP_WORKER_THREADS");
        }
    }
}
