package health.securevisit.workforce.internal;

import health.securevisit.platform.EvidenceSource;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * The workforce program's evidence for the compliance report, read from the running system when asked:
 * training currency, policy acknowledgements, access review age, and leavers' deprovisioning clock.
 */
@Component
class WorkforceEvidence implements EvidenceSource {

    static final String TRAINING = "workforce.training-current";
    static final String POLICIES = "workforce.policies-acknowledged";
    static final String REVIEW = "workforce.access-review-current";
    static final String LEAVERS = "workforce.leavers-deprovisioned";

    /** How far back leavers' clocks are shown. */
    static final Duration LEAVER_WINDOW = Duration.ofDays(365);

    private final Training training;
    private final Policies policies;
    private final AccessReviews reviews;
    private final Leavers leavers;
    private final WorkforceSettings settings;
    private final Clock clock;

    WorkforceEvidence(
            Training training,
            Policies policies,
            AccessReviews reviews,
            Leavers leavers,
            WorkforceSettings settings,
            Clock clock) {
        this.training = training;
        this.policies = policies;
        this.reviews = reviews;
        this.leavers = leavers;
        this.settings = settings;
        this.clock = clock;
    }

    @Override
    public List<Evidence> evidence() {
        Instant now = clock.instant();
        return List.of(training(now), policies(now), review(now), leavers(now));
    }

    Evidence training(Instant now) {
        if (training.count() == 0) {
            return Evidence.none(TRAINING, now, "no training assignment yet");
        }
        List<String> overdue = ids(training.overdue(now));
        return overdue.isEmpty()
                ? Evidence.pass(TRAINING, now, "no enabled account has overdue training")
                : Evidence.fail(TRAINING, now, overdue.size() + " account(s) with overdue training", overdue);
    }

    Evidence policies(Instant now) {
        if (policies.currentPolicies().isEmpty()) {
            return Evidence.none(POLICIES, now, "no policy published");
        }
        List<String> missing = ids(policies.unacknowledged());
        return missing.isEmpty()
                ? Evidence.pass(POLICIES, now, "every enabled account acknowledged every current policy")
                : Evidence.fail(POLICIES, now, missing.size() + " account(s) missing an acknowledgement", missing);
    }

    Evidence review(Instant now) {
        Optional<Instant> last = reviews.lastCompleted();
        if (last.isPresent() && !last.get().isBefore(now.minus(settings.accessReviewPeriod()))) {
            return Evidence.pass(REVIEW, now, "last access review completed " + last.get());
        }
        return Evidence.fail(
                REVIEW,
                now,
                last.map(at -> "last access review completed " + at + ", longer ago than "
                                + settings.accessReviewPeriod().toDays() + " days")
                        .orElse("no access review completed"),
                List.of());
    }

    Evidence leavers(Instant now) {
        List<String> breached = leavers.since(now.minus(LEAVER_WINDOW)).stream()
                .filter(l -> List.of("LATE", "OVERDUE").contains(l.state(now)))
                .map(l -> l.accountId().toString())
                .sorted()
                .toList();
        return breached.isEmpty()
                ? Evidence.pass(
                        LEAVERS,
                        now,
                        "every leaver of the last 12 months deprovisioned within "
                                + settings.leaverDeadline().toMinutes() + " minutes")
                : Evidence.fail(LEAVERS, now, breached.size() + " leaver(s) not deprovisioned in time", breached);
    }

    private static List<String> ids(List<UUID> ids) {
        return ids.stream().map(UUID::toString).toList();
    }
}
