package health.securevisit.platform.internal;

import health.securevisit.platform.Throttles;
import java.time.Clock;

/** The platform's throttles for unit tests of other modules. */
public final class TestThrottles {

    private TestThrottles() {}

    public static Throttles memory(Clock clock) {
        return new MemoryThrottles(clock);
    }
}
