package health.securevisit.access.internal;

import java.time.Clock;
import java.time.Instant;
import org.springframework.stereotype.Component;

/** The access module's clock (UTC); its own type so that it never competes with another module's. */
@Component
public class AccessClock {

    private final Clock clock;

    AccessClock() {
        this(Clock.systemUTC());
    }

    protected AccessClock(Clock clock) {
        this.clock = clock;
    }

    public Instant instant() {
        return clock.instant();
    }
}
