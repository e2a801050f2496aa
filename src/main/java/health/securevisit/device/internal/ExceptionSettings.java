package health.securevisit.device.internal;

import health.securevisit.platform.StartupException;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Posture exceptions ({@code SECUREVISIT_DEVICE_EXCEPTIONS_*}): every exception has an expiry no further
 * than {@code maxDuration} from its grant; an exception without an expiry is refused.
 *
 * @param maxDuration the longest an exception may run (default 30 days; at most 90 days, or start-up
 *     is refused)
 */
@ConfigurationProperties("securevisit.device.exceptions")
public record ExceptionSettings(@DefaultValue("30d") Duration maxDuration) {

    /** The longest any configuration may allow: one quarter, so that each exception is reviewed. */
    static final Duration CEILING = Duration.ofDays(90);

    public ExceptionSettings {
        if (maxDuration.isZero() || maxDuration.isNegative() || maxDuration.compareTo(CEILING) > 0) {
            throw new StartupException(
                    "SECUREVISIT_DEVICE_EXCEPTIONS_MAX_DURATION",
                    "must be positive and at most 90 days; it is " + maxDuration);
        }
    }
}
