package health.securevisit.access;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Care relationships the decision point asks about; implemented by the visit module (which owns
 * visits and care teams), so that access does not depend on it.
 */
public interface CareRelationships {

    /** The visit, if it exists (asked only when a request names a visit without its facts). */
    Optional<VisitFacts> visit(VisitId visitId);

    /** Every visit (any state) of {@code patientId} whose care team includes {@code clinicianId}. */
    List<VisitFacts> visitsWith(UUID clinicianId, PatientId patientId);
}
