package health.securevisit.identity.internal;

import java.time.Clock;
import java.time.Instant;
import org.springframework.stereotype.Component;

/** The identity module's clock (UTC); its own type so that it never competes with another module's. */
@Component
public class IdentityClock {

    private final Clock clock;

    IdentityClock() {
        this(Clock.systemUTC());
    }

    IdentityClock(Clock clock) {
        this.clock = clock;
    }

    public Instant instant() {
        return clock.instant();
    }
}
