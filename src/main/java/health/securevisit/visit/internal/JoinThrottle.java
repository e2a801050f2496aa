package health.securevisit.visit.internal;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Join attempts per source address: at most {@code join-attempts-per-minute} in a one-minute window
 * (this node's memory). Every attempt counts, so guessing tokens or dates of birth stays slow.
 */
@Component
class JoinThrottle {

    static final Duration WINDOW = Duration.ofMinutes(1);
    private static final int MAX_ENTRIES = 100_000;

    private record Window(Instant start, int attempts) {}

    private final int limit;
    private final InstantSource clock;
    private final Map<String, Window> windows = new ConcurrentHashMap<>();

    @Autowired
    JoinThrottle(VisitSettings settings) {
        this(settings.joinAttemptsPerMinute(), InstantSource.system());
    }

    JoinThrottle(int limit, InstantSource clock) {
        this.limit = limit;
        this.clock = clock;
    }

    /** Counts an attempt from {@code source}. @throws JoinThrottledException beyond the limit */
    void attempt(String source) {
        Instant now = clock.instant();
        if (windows.size() > MAX_ENTRIES) {
            windows.entrySet().removeIf(e -> !now.isBefore(e.getValue().start().plus(WINDOW)));
        }
        Window w = windows.compute(
                source,
                (k, old) -> old == null || !now.isBefore(old.start().plus(WINDOW))
                        ? new Window(now, 1)
                        : new Window(old.start(), old.attempts() + 1));
        if (w.attempts() > limit) {
            throw new JoinThrottledException(Duration.between(now, w.start().plus(WINDOW)));
        }
    }
}
