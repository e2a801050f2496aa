package health.securevisit.visit.internal;

import health.securevisit.access.DataClass;
import health.securevisit.audit.Outcome;
import health.securevisit.identity.WorkforcePrincipal;
import health.securevisit.patient.DataPoint;
import health.securevisit.patient.IdentityCheck;
import health.securevisit.patient.Patients;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Identity verification at the start of a visit, only while the patient is present (the visit is
 * WAITING: the patient joined through the link or staff checked them in) and inside the start window:
 * at least two data points compared with the chart;
 * which matched is recorded (never the values); after {@code identity-max-failures} failures the
 * visit is flagged for review.
 */
@Service
public class IdentityVerifications {

    /** Data points needed (and matched, with none mismatched) to verify. */
    public static final int REQUIRED = 2;

    static final String ACTION = "visit.identity-verification";

    /** The answer: whether verified, which data points matched and which did not, attempts left. */
    public record Result(
            boolean verified, Set<DataPoint> matched, Set<DataPoint> mismatched, int attemptsLeft, boolean flagged) {}

    private final VisitAccess access;
    private final Visits visits;
    private final Patients patients;
    private final VisitAudit audit;
    private final VisitSettings settings;
    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final VisitEvents events;

    IdentityVerifications(
            VisitAccess access,
            Visits visits,
            Patients patients,
            VisitAudit audit,
            VisitSettings settings,
            JdbcClient jdbc,
            TransactionTemplate transactions,
            VisitEvents events,
            Clock clock) {
        this.clock = clock;
        this.events = events;
        this.access = access;
        this.visits = visits;
        this.patients = patients;
        this.audit = audit;
        this.settings = settings;
        this.jdbc = jdbc;
        this.transactions = transactions;
    }

    /** @param entered data point -> entered text ({@code "true"} for an inspected photo ID) */
    public Result verify(UUID visitId, Map<DataPoint, String> entered) {
        Visit visit = access.authorize(visitId, ACTION, DataClass.DEMOGRAPHICS, "visit");
        WorkforcePrincipal by = access.principal();
        if (entered.size() < REQUIRED) {
            throw VisitException.tooFewDataPoints(REQUIRED);
        }
        if (visit.flaggedForReview()) {
            audit.byWorkforce(by, ACTION, Outcome.DENIED, "visit-flagged-for-review", visit);
        }
        visit.requireVerifiable();
        if (!inStartWindow(visit, clock.instant())) {
            audit.byWorkforce(by, ACTION, Outcome.DENIED, VisitException.OUTSIDE_START_WINDOW, visit);
            throw VisitException.outsideStartWindow();
        }
        IdentityCheck check = patients.check(visit.patientId(), entered);
        Result result = transactions.execute(tx -> {
            Visit current = visits.find(visitId).orElseThrow(VisitException::notFound);
            Instant now = clock.instant();
            boolean verified = check.verified(REQUIRED);
            boolean flagged = false;
            if (verified) {
                current.identityVerified(now, by.id(), check.matched());
            } else {
                flagged = current.identityVerificationFailed(settings.identityMaxFailures());
            }
            record(visitId, by.id(), now, check, verified);
            visits.update(current, now);
            if (verified) {
                audit.byWorkforce(by, ACTION, Outcome.SUCCESS, "identity-verified", current);
            } else {
                audit.byWorkforce(by, ACTION, Outcome.DENIED, "identity-mismatch", current);
                if (flagged) {
                    audit.byWorkforce(by, "visit.flag-for-review", Outcome.SUCCESS, "identity-max-failures", current);
                }
            }
            int left = Math.max(0, settings.identityMaxFailures() - current.failedVerifications());
            return new Result(verified, check.matched(), check.mismatched(), left, current.flaggedForReview());
        });
        if (result.verified()) {
            events.changed(visits.find(visitId).orElseThrow(VisitException::notFound));
        }
        return result;
    }

    /**
     * The start window, in which the patient is verified (the window of the join link): from
     * {@link JoinLinks#OPENS_BEFORE_START} before the start to the end, both included.
     */
    static boolean inStartWindow(Visit visit, Instant now) {
        return !now.isBefore(visit.start().minus(JoinLinks.OPENS_BEFORE_START)) && !now.isAfter(visit.end());
    }

    private void record(UUID visitId, UUID by, Instant at, IdentityCheck check, boolean verified) {
        jdbc.sql("INSERT INTO visit_verification_attempt (id, visit_id, attempted_by, attempted_at, matched,"
                        + " mismatched, verified) VALUES (?, ?, ?, ?, ?, ?, ?)")
                .params(
                        UUID.randomUUID(),
                        visitId,
                        by,
                        Timestamp.from(at),
                        Visits.names(check.matched()),
                        Visits.names(check.mismatched()),
                        verified)
                .update();
    }
}
