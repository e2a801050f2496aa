package health.securevisit.hub.internal;

import health.securevisit.platform.StartupException;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the hub side ({@code SECUREVISIT_HUB_*}), refused at start-up with one line when they
 * would weaken it.
 *
 * @param port the mutual-TLS hub listener's port ({@code SECUREVISIT_HUB_PORT}, default 8444; when
 *     unset and the main listener asks for any free port, the hub listener does too)
 * @param certificateValidity how long a hub certificate is valid (at most 90 days)
 * @param enrolmentCodeValidity how long a one-time enrolment code may be used (at most 7 days)
 * @param maxBatch the most readings one batch may carry
 * @param maxReadingAge how old a reading may be when it arrives
 * @param maxClockSkew how far in the future a reading's time may be
 * @param crlValidity the CRL's next-update distance (it is re-signed at half of it)
 * @param crlReload how often the listener re-reads the CRL (revocations on other nodes)
 * @param enrolAttemptsPerMinute enrolment attempts accepted per source address and minute (1..1000)
 */
@ConfigurationProperties("securevisit.hub")
public record HubSettings(
        @DefaultValue("8444") int port,
        @DefaultValue("30d") Duration certificateValidity,
        @DefaultValue("72h") Duration enrolmentCodeValidity,
        @DefaultValue("500") int maxBatch,
        @DefaultValue("7d") Duration maxReadingAge,
        @DefaultValue("5m") Duration maxClockSkew,
        @DefaultValue("7d") Duration crlValidity,
        @DefaultValue("30s") Duration crlReload,
        @DefaultValue("10") int enrolAttemptsPerMinute) {

    static final Duration MAX_CERTIFICATE_VALIDITY = Duration.ofDays(90);
    static final Duration MAX_CODE_VALIDITY = Duration.ofDays(7);

    public HubSettings {
        if (port < 0 || port > 65535) {
            throw new StartupException("SECUREVISIT_HUB_PORT", "must be a number between 1 and 65535");
        }
        between(
                certificateValidity,
                Duration.ofHours(1),
                MAX_CERTIFICATE_VALIDITY,
                "SECUREVISIT_HUB_CERTIFICATE_VALIDITY");
        between(
                enrolmentCodeValidity,
                Duration.ofMinutes(5),
                MAX_CODE_VALIDITY,
                "SECUREVISIT_HUB_ENROLMENT_CODE_VALIDITY");
        if (maxBatch < 1 || maxBatch > 5000) {
            throw new StartupException("SECUREVISIT_HUB_MAX_BATCH", "must be between 1 and 5000; it is " + maxBatch);
        }
        between(maxReadingAge, Duration.ofMinutes(1), Duration.ofDays(30), "SECUREVISIT_HUB_MAX_READING_AGE");
        between(maxClockSkew, Duration.ZERO, Duration.ofHours(1), "SECUREVISIT_HUB_MAX_CLOCK_SKEW");
        between(crlValidity, Duration.ofHours(1), Duration.ofDays(30), "SECUREVISIT_HUB_CRL_VALIDITY");
        between(crlReload, Duration.ofSeconds(1), Duration.ofHours(1), "SECUREVISIT_HUB_CRL_RELOAD");
        if (enrolAttemptsPerMinute < 1 || enrolAttemptsPerMinute > 1000) {
            throw new StartupException(
                    "SECUREVISIT_HUB_ENROL_ATTEMPTS_PER_MINUTE",
                    "must be between 1 and 1000; it is " + enrolAttemptsPerMinute);
        }
    }

    private static void between(Duration value, Duration min, Duration max, String setting) {
        if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
            throw new StartupException(setting, "must be between " + min + " and " + max + "; it is " + value);
        }
    }
}
