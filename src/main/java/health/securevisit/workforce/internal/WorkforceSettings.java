package health.securevisit.workforce.internal;

import health.securevisit.platform.StartupException;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the workforce program ({@code SECUREVISIT_WORKFORCE_*}), refused at start-up with one
 * line when out of range.
 *
 * @param trainingDueWithin how long after an assignment its course is due (at most 90 days)
 * @param trainingGrace how long after the due date an overdue member still reaches PHI (at most 30
 *     days; 0 denies at once)
 * @param trainingEvery how long a completion counts before the course is assigned again (1 to 365
 *     days)
 * @param accessReviewPeriod how often a completed access review is expected (at most 365 days)
 * @param leaverDeadline how long after a leaver leaves the account must be deprovisioned (at most 1
 *     hour, as the proposed Security Rule update asks)
 * @param assignmentInterval how often assignments are brought up to date (hires, yearly renewals)
 */
@ConfigurationProperties("securevisit.workforce")
public record WorkforceSettings(
        @DefaultValue("30d") Duration trainingDueWithin,
        @DefaultValue("7d") Duration trainingGrace,
        @DefaultValue("365d") Duration trainingEvery,
        @DefaultValue("90d") Duration accessReviewPeriod,
        @DefaultValue("1h") Duration leaverDeadline,
        @DefaultValue("1h") Duration assignmentInterval) {

    public WorkforceSettings {
        range(
                trainingDueWithin,
                Duration.ofSeconds(1),
                Duration.ofDays(90),
                "SECUREVISIT_WORKFORCE_TRAINING_DUE_WITHIN");
        range(trainingGrace, Duration.ZERO, Duration.ofDays(30), "SECUREVISIT_WORKFORCE_TRAINING_GRACE");
        range(trainingEvery, Duration.ofDays(1), Duration.ofDays(365), "SECUREVISIT_WORKFORCE_TRAINING_EVERY");
        range(
                accessReviewPeriod,
                Duration.ofDays(1),
                Duration.ofDays(365),
                "SECUREVISIT_WORKFORCE_ACCESS_REVIEW_PERIOD");
        range(leaverDeadline, Duration.ofMinutes(1), Duration.ofHours(1), "SECUREVISIT_WORKFORCE_LEAVER_DEADLINE");
        range(
                assignmentInterval,
                Duration.ofSeconds(1),
                Duration.ofDays(1),
                "SECUREVISIT_WORKFORCE_ASSIGNMENT_INTERVAL");
    }

    private static void range(Duration value, Duration min, Duration max, String setting) {
        if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
            throw new StartupException(setting, "must be between " + min + " and " + max + "; it is " + value);
        }
    }
}
