package health.securevisit.visit;

import health.securevisit.access.VisitFacts;
import java.time.Instant;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * A visit as other modules see it: ids, care team, times and lifecycle state (no PHI).
 *
 * @param id the visit
 * @param patientId its patient
 * @param clinicianIds its care team
 * @param start scheduled start
 * @param end scheduled end
 * @param status the lifecycle state: {@code SCHEDULED}, {@code WAITING}, {@code IDENTITY_VERIFIED},
 *     {@code IN_PROGRESS}, {@code ENDED}, {@code CANCELLED} or {@code NO_SHOW}
 * @param identityVerified whether the patient's identity was verified for this visit
 */
public record VisitSnapshot(
        UUID id,
        UUID patientId,
        Set<UUID> clinicianIds,
        Instant start,
        Instant end,
        String status,
        boolean identityVerified) {

    public static final String WAITING = "WAITING";
    public static final String IDENTITY_VERIFIED = "IDENTITY_VERIFIED";
    public static final String IN_PROGRESS = "IN_PROGRESS";
    public static final String ENDED = "ENDED";

    public VisitSnapshot {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(patientId, "patientId");
        clinicianIds = Set.copyOf(clinicianIds);
        Objects.requireNonNull(status, "status");
    }

    /** Not ended, cancelled or no-show: the visit can still take place. */
    public boolean live() {
        return !status.equals(ENDED) && !status.equals("CANCELLED") && !status.equals("NO_SHOW");
    }

    /** What the access decision point needs to know about this visit. */
    public VisitFacts facts() {
        return new VisitFacts(
                id,
                patientId,
                clinicianIds,
                start,
                end,
                identityVerified,
                status.equals("CANCELLED") || status.equals("NO_SHOW"));
    }
}
