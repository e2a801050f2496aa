package health.securevisit.detection.internal;

import java.time.Duration;
import java.time.ZoneId;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Detection settings ({@code SECUREVISIT_DETECTION_*}).
 *
 * @param enabled whether the evaluator runs
 * @param zone the organisation's time zone (usual hours, the {@code hour} and {@code weekday} fields)
 * @param workStart first hour of the working day (used until a user has {@code minHistory} entries)
 * @param workEnd hour the working day ends
 * @param minHistory entries of a user before their own hour profile decides usual hours
 * @param rareShare an hour is unusual for a user when fewer than this share of their entries fell in it
 * @param warmup how much of the trail is replayed at start to rebuild windows, baselines and profiles
 * @param batch the most entries evaluated per transaction
 * @param poll how often the evaluator looks for new entries when it has caught up
 */
@ConfigurationProperties("securevisit.detection")
public record DetectionSettings(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("UTC") ZoneId zone,
        @DefaultValue("7") int workStart,
        @DefaultValue("19") int workEnd,
        @DefaultValue("50") int minHistory,
        @DefaultValue("0.02") double rareShare,
        @DefaultValue("7d") Duration warmup,
        @DefaultValue("500") int batch,
        @DefaultValue("250ms") Duration poll) {

    RuleEngine.HourSettings hours() {
        return new RuleEngine.HourSettings(zone, minHistory, rareShare, workStart, workEnd);
    }
}
