package health.securevisit.visit.internal;

import health.securevisit.platform.StartupException;
import java.net.URI;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the visit module ({@code SECUREVISIT_VISIT_*}), refused at start when out of range.
 *
 * @param identityMaxFailures failed identity verifications after which a visit is flagged (1..10)
 * @param joinAttemptsPerMinute join attempts accepted per source address and minute (1..1000)
 * @param joinDobMaxFailures wrong dates of birth after which a join link is revoked (1..10)
 * @param publicUrl the base URL patients reach (for join links), e.g. {@code https://visit.example.org};
 *     empty: the scheme, host and port of the request that creates the link
 */
@ConfigurationProperties("securevisit.visit")
public record VisitSettings(
        @DefaultValue("3") int identityMaxFailures,
        @DefaultValue("10") int joinAttemptsPerMinute,
        @DefaultValue("5") int joinDobMaxFailures,
        @Nullable URI publicUrl) {

    public VisitSettings {
        range(identityMaxFailures, 1, 10, "SECUREVISIT_VISIT_IDENTITY_MAX_FAILURES");
        range(joinAttemptsPerMinute, 1, 1000, "SECUREVISIT_VISIT_JOIN_ATTEMPTS_PER_MINUTE");
        range(joinDobMaxFailures, 1, 10, "SECUREVISIT_VISIT_JOIN_DOB_MAX_FAILURES");
        if (publicUrl != null
                && (!"https".equals(publicUrl.getScheme())
                        || publicUrl.getHost() == null
                        || publicUrl.getRawQuery() != null
                        || publicUrl.getRawFragment() != null)) {
            throw new StartupException(
                    "SECUREVISIT_VISIT_PUBLIC_URL", "must be an https URL with a host and no query or fragment");
        }
    }

    private static void range(int value, int min, int max, String setting) {
        if (value < min || value > max) {
            throw new StartupException(setting, "must be between " + min + " and " + max);
        }
    }
}
