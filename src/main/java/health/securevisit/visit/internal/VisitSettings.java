package health.securevisit.visit.internal;

import health.securevisit.platform.StartupException;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the visit module ({@code SECUREVISIT_VISIT_*}), refused at start when out of range.
 *
 * @param identityMaxFailures failed identity verifications after which a visit is flagged (1..10)
 * @param joinAttemptsPerMinute join attempts accepted per source address and minute (1..1000)
 * @param joinDobMaxFailures wrong dates of birth after which a join link is revoked (1..10)
 */
@ConfigurationProperties("securevisit.visit")
public record VisitSettings(
        @DefaultValue("3") int identityMaxFailures,
        @DefaultValue("10") int joinAttemptsPerMinute,
        @DefaultValue("5") int joinDobMaxFailures) {

    public VisitSettings {
        range(identityMaxFailures, 1, 10, "SECUREVISIT_VISIT_IDENTITY_MAX_FAILURES");
        range(joinAttemptsPerMinute, 1, 1000, "SECUREVISIT_VISIT_JOIN_ATTEMPTS_PER_MINUTE");
        range(joinDobMaxFailures, 1, 10, "SECUREVISIT_VISIT_JOIN_DOB_MAX_FAILURES");
    }

    private static void range(int value, int min, int max, String setting) {
        if (value < min || value > max) {
            throw new StartupException(setting, "must be between " + min + " and " + max);
        }
    }
}
