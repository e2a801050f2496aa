package health.securevisit.platform.internal;

import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The application's one clock (UTC). Every module injects {@link Clock} instead of reading the system
 * clock, so that tests can replace it with a fixed or offset clock in one place.
 */
@Configuration(proxyBeanMethods = false)
class ClockConfiguration {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
