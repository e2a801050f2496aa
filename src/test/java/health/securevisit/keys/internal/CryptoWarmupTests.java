package health.securevisit.keys.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class CryptoWarmupTests {

    @Test
    void staysOffTheStartPathByWaitingBeforeItRuns() throws Exception {
        assertThat(CryptoWarmup.START_DELAY).isGreaterThanOrEqualTo(Duration.ofSeconds(10));
        Thread thread = new CryptoWarmup(64L << 20).startInBackground();
        assertThat(thread).isNotNull();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (thread.getState() != Thread.State.TIMED_WAITING && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertThat(thread.getState()).as("sleeping, not encrypting").isEqualTo(Thread.State.TIMED_WAITING);
        assertThat(thread.isDaemon()).isTrue();
        thread.interrupt(); // a stop during the wait ends it without running
        thread.join(5_000);
        assertThat(thread.isAlive()).isFalse();
    }

    @Test
    void runsAfterItsDelay() throws Exception {
        Thread thread = new CryptoWarmup(8L << 20, Duration.ZERO).startInBackground();
        assertThat(thread).isNotNull();
        thread.join(60_000);
        assertThat(thread.isAlive()).isFalse();
    }

    @Test
    void zeroBytesDisablesIt() {
        assertThat(new CryptoWarmup(0).startInBackground()).isNull();
    }
}
