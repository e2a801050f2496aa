package health.securevisit.audit.internal;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.springframework.context.SmartLifecycle;

/** A lifecycle job of the audit module run on its own daemon thread at start and then periodically. */
abstract class PeriodicJob implements SmartLifecycle {

    private final String threadName;
    private final Duration every;
    private @Nullable ScheduledExecutorService scheduler;

    PeriodicJob(String threadName, Duration every) {
        this.threadName = threadName;
        this.every = every;
    }

    /** One run; must not throw (log instead). */
    abstract void runQuietly();

    @Override
    public void start() {
        ScheduledExecutorService s = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, threadName);
            t.setDaemon(true);
            return t;
        });
        s.scheduleWithFixedDelay(this::runQuietly, 0, every.toMillis(), TimeUnit.MILLISECONDS);
        scheduler = s;
    }

    @Override
    public void stop() {
        if (scheduler != null) {
            scheduler.shutdownNow();
            scheduler = null;
        }
    }

    @Override
    public boolean isRunning() {
        return scheduler != null;
    }
}
