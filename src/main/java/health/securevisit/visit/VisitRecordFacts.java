package health.securevisit.visit;

import health.securevisit.access.VisitFacts;
import java.time.Instant;
import java.util.Objects;

/**
 * What the records module needs to know about a visit (no PHI values): the facts the access decision
 * point decides on, and whether the visit has ended (ENDED, CANCELLED or NO_SHOW: nothing more may be
 * recorded into it).
 *
 * @param facts the visit's access facts (patient, care team, window, identity verification)
 * @param status the lifecycle state name (SCHEDULED, WAITING, IDENTITY_VERIFIED, IN_PROGRESS, ENDED,
 *     CANCELLED, NO_SHOW)
 * @param ended whether the state is final
 * @param createdAt when it was scheduled
 */
public record VisitRecordFacts(VisitFacts facts, String status, boolean ended, Instant createdAt) {

    public VisitRecordFacts {
        Objects.requireNonNull(facts, "facts");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(createdAt, "createdAt");
    }
}
