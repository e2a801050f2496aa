package health.securevisit.room;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

/**
 * Test only, in servers started with {@code securevisit.test.room-clock=true}: the server's clock (primary
 * over the platform's) runs with the system clock plus an offset the test moves.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "securevisit.test.room-clock", havingValue = "true")
public class RoomTestClock {

    /** The system clock plus {@link #offset}. */
    public static final class OffsetClock extends Clock {
        volatile Duration offset = Duration.ZERO;

        @Override
        public Instant instant() {
            return Clock.systemUTC().instant().plus(offset);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        public void advance(Duration d) {
            offset = offset.plus(d);
        }

        public void reset() {
            offset = Duration.ZERO;
        }
    }

    @Bean
    @Primary
    OffsetClock roomOffsetClock() {
        return new OffsetClock();
    }
}
