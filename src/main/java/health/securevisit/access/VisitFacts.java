package health.securevisit.access;

import java.time.Instant;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * What the decision point needs to know about a visit (no PHI values).
 *
 * @param visitId the visit
 * @param patientId its patient
 * @param clinicianIds the care team: the clinicians assigned to the visit
 * @param start scheduled start
 * @param end scheduled end (start plus duration)
 * @param identityVerified whether the patient's identity was verified at the start of this visit
 * @param closed whether the visit was cancelled or marked no-show (its window is closed)
 */
public record VisitFacts(
        UUID visitId,
        UUID patientId,
        Set<UUID> clinicianIds,
        Instant start,
        Instant end,
        boolean identityVerified,
        boolean closed) {

    public VisitFacts {
        Objects.requireNonNull(visitId, "visitId");
        Objects.requireNonNull(patientId, "patientId");
        clinicianIds = Set.copyOf(clinicianIds);
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
    }
}
