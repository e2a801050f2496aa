package health.securevisit.backup.internal;

import health.securevisit.backup.RestoreDrill;
import health.securevisit.platform.EvidenceSource;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * {@code backup.restore-drill-current}: the last timed restore drill passed and is at most {@link
 * #MAX_AGE} old (a drill a quarter, as the contingency plan's testing asks); a failed last drill fails
 * with its id.
 */
@Component
class RestoreDrillEvidence implements EvidenceSource {

    static final String CHECK = "backup.restore-drill-current";
    static final Duration MAX_AGE = Duration.ofDays(92);

    private final JdbcRestoreDrills drills;
    private final Clock clock;

    RestoreDrillEvidence(JdbcRestoreDrills drills, Clock clock) {
        this.drills = drills;
        this.clock = clock;
    }

    @Override
    public List<Evidence> evidence() {
        Instant now = clock.instant();
        List<RestoreDrill> recent = drills.recent(1);
        if (recent.isEmpty()) {
            return List.of(Evidence.none(CHECK, now, "no restore drill recorded (securevisit restore --drill)"));
        }
        RestoreDrill last = recent.getFirst();
        Duration age = Duration.between(last.startedAt(), now);
        if (!last.passed()) {
            return List.of(Evidence.fail(
                    CHECK,
                    last.startedAt(),
                    "the last restore drill failed: " + last.detail(),
                    List.of("restore-drill:" + last.id())));
        }
        if (age.compareTo(MAX_AGE) > 0) {
            return List.of(Evidence.fail(
                    CHECK,
                    last.startedAt(),
                    "the last restore drill is " + age.toDays() + " days old (at most " + MAX_AGE.toDays() + ")",
                    List.of("restore-drill:" + last.id())));
        }
        return List.of(Evidence.pass(
                CHECK,
                last.startedAt(),
                "restored backup " + last.backupId() + " (" + last.database() + ") in "
                        + last.duration().toSeconds() + " s, " + age.toDays() + " days ago"));
    }
}
