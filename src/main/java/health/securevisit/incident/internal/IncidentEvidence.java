package health.securevisit.incident.internal;

import health.securevisit.incident.DrillSchedule;
import health.securevisit.incident.IncidentFailure;
import health.securevisit.platform.EvidenceSource;
import health.securevisit.platform.PlatformSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * The incident program's evidence: {@code incident.tabletop-current} (a tabletop drill finished
 * within the quarterly clock) and {@code incident.response-plan} (the communication plan is present,
 * readable and names at least one step with a deadline for every severity it lists).
 */
@Component
class IncidentEvidence implements EvidenceSource {

    static final String TABLETOP = "incident.tabletop-current";
    static final String PLAN = "incident.response-plan";
    static final String PLAN_FILE = "incident/communication-plan.yml";

    private final DrillSchedule drills;
    private final Path dataDir;
    private final Clock clock;

    IncidentEvidence(DrillSchedule drills, PlatformSettings platform, Clock clock) {
        this.drills = drills;
        this.dataDir = platform.dataDir();
        this.clock = clock;
    }

    @Override
    public List<Evidence> evidence() {
        Instant now = clock.instant();
        return List.of(tabletop(now), plan(now));
    }

    Evidence tabletop(Instant now) {
        DrillSchedule.Status s = drills.status();
        if (s.overdue()) {
            return Evidence.fail(
                    TABLETOP,
                    now,
                    "no tabletop drill finished in time: last "
                            + (s.lastFinished() == null ? "never" : s.lastFinished()) + ", due by " + s.nextDue(),
                    List.of("tabletop-drill"));
        }
        if (s.lastFinished() == null) {
            return Evidence.none(TABLETOP, now, "no tabletop drill yet; the first is due by " + s.nextDue());
        }
        return Evidence.pass(TABLETOP, now, "last drill finished " + s.lastFinished() + "; next due by " + s.nextDue());
    }

    Evidence plan(Instant now) {
        boolean organisation = Files.isRegularFile(dataDir.resolve(PLAN_FILE));
        String which = organisation ? "the organisation's plan" : "the shipped plan (not adapted by the organisation)";
        try {
            Map<String, List<PlanFiles.Step>> severities =
                    PlanFiles.plan(dataDir).severities();
            List<String> empty = severities.entrySet().stream()
                    .filter(e -> e.getValue() == null || e.getValue().isEmpty())
                    .map(e -> PLAN_FILE + " severity " + e.getKey() + " has no step")
                    .toList();
            if (severities.isEmpty() || !empty.isEmpty()) {
                return Evidence.fail(
                        PLAN,
                        now,
                        which + " names no step for some severity",
                        empty.isEmpty() ? List.of(PLAN_FILE) : empty);
            }
            int steps = severities.values().stream().mapToInt(List::size).sum();
            return Evidence.pass(PLAN, now, which + ": " + severities.size() + " severities, " + steps + " steps");
        } catch (IncidentFailure e) {
            return Evidence.fail(PLAN, now, which + " cannot be read (" + e.code() + ")", List.of(PLAN_FILE));
        }
    }
}
