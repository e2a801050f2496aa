package health.securevisit.visit.internal;

import health.securevisit.access.VisitFacts;
import health.securevisit.patient.DataPoint;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A visit (aggregate): its patient, care team, times, modality and lifecycle state. State changes
 * are package-private and reached through the module's services; each refuses a transition the
 * lifecycle does not allow ({@code invalid-transition}).
 */
public final class Visit {

    private final UUID id;
    private final UUID patientId;
    private final Set<UUID> clinicianIds;
    private final Instant start;
    private final int durationMinutes;
    private final Modality modality;
    private final Instant createdAt;
    private final long version;
    private VisitStatus status;
    private @Nullable Instant identityVerifiedAt;
    private @Nullable UUID verifiedBy;
    private Set<DataPoint> verifiedDataPoints;
    private int failedVerifications;
    private boolean flaggedForReview;

    Visit(
            UUID id,
            UUID patientId,
            Set<UUID> clinicianIds,
            Instant start,
            int durationMinutes,
            Modality modality,
            VisitStatus status,
            @Nullable Instant identityVerifiedAt,
            @Nullable UUID verifiedBy,
            Set<DataPoint> verifiedDataPoints,
            int failedVerifications,
            boolean flaggedForReview,
            Instant createdAt,
            long version) {
        this.id = id;
        this.patientId = patientId;
        this.clinicianIds = Set.copyOf(clinicianIds);
        this.start = start;
        this.durationMinutes = durationMinutes;
        this.modality = modality;
        this.status = status;
        this.identityVerifiedAt = identityVerifiedAt;
        this.verifiedBy = verifiedBy;
        this.verifiedDataPoints = Set.copyOf(verifiedDataPoints);
        this.failedVerifications = failedVerifications;
        this.flaggedForReview = flaggedForReview;
        this.createdAt = createdAt;
        this.version = version;
    }

    static Visit schedule(
            UUID patientId,
            Set<UUID> clinicianIds,
            Instant start,
            int durationMinutes,
            Modality modality,
            Instant now) {
        return new Visit(
                UUID.randomUUID(),
                patientId,
                clinicianIds,
                start,
                durationMinutes,
                modality,
                VisitStatus.SCHEDULED,
                null,
                null,
                Set.of(),
                0,
                false,
                now,
                0);
    }

    /**
     * A transition requested through the API (never IDENTITY_VERIFIED: that one needs a verification).
     * WAITING is the patient's check-in (the access policy lets only staff ask for it).
     */
    void moveTo(VisitStatus to) {
        if (to == VisitStatus.IDENTITY_VERIFIED || !status.next().contains(to)) {
            throw VisitException.invalidTransition(status, to);
        }
        status = to;
    }

    /** The patient's identity was verified with {@code dataPoints} by {@code by}. */
    void identityVerified(Instant at, UUID by, Set<DataPoint> dataPoints) {
        requireVerifiable();
        status = VisitStatus.IDENTITY_VERIFIED;
        identityVerifiedAt = at;
        verifiedBy = by;
        verifiedDataPoints = dataPoints.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(dataPoints));
    }

    /** Counts a failed verification; returns true when this failure flagged the visit for review. */
    boolean identityVerificationFailed(int maxFailures) {
        requireVerifiable();
        failedVerifications++;
        if (failedVerifications >= maxFailures) {
            flaggedForReview = true;
            return true;
        }
        return false;
    }

    void requireVerifiable() {
        if (flaggedForReview) {
            throw VisitException.flagged();
        }
        if (status != VisitStatus.WAITING) {
            throw VisitException.invalidTransition(status, VisitStatus.IDENTITY_VERIFIED);
        }
    }

    /** The patient joined through a link: a scheduled visit moves to WAITING (a waiting one stays). */
    void patientJoined() {
        if (status == VisitStatus.SCHEDULED) {
            status = VisitStatus.WAITING;
        } else if (status != VisitStatus.WAITING) {
            throw VisitException.invalidTransition(status, VisitStatus.WAITING);
        }
    }

    public UUID id() {
        return id;
    }

    public UUID patientId() {
        return patientId;
    }

    public Set<UUID> clinicianIds() {
        return clinicianIds;
    }

    public Instant start() {
        return start;
    }

    public Instant end() {
        return start.plus(Duration.ofMinutes(durationMinutes));
    }

    public int durationMinutes() {
        return durationMinutes;
    }

    public Modality modality() {
        return modality;
    }

    public VisitStatus status() {
        return status;
    }

    public boolean identityVerified() {
        return identityVerifiedAt != null;
    }

    public @Nullable Instant identityVerifiedAt() {
        return identityVerifiedAt;
    }

    public @Nullable UUID verifiedBy() {
        return verifiedBy;
    }

    public Set<DataPoint> verifiedDataPoints() {
        return verifiedDataPoints;
    }

    public int failedVerifications() {
        return failedVerifications;
    }

    public boolean flaggedForReview() {
        return flaggedForReview;
    }

    public Instant createdAt() {
        return createdAt;
    }

    /** What the access decision point needs to know about this visit. */
    VisitFacts facts() {
        return new VisitFacts(id, patientId, clinicianIds, start, end(), identityVerified(), status.closed());
    }

    long version() {
        return version;
    }

    @Override
    public String toString() {
        return "Visit[id=" + id + ", status=" + status + "]";
    }
}
