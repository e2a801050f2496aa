package health.securevisit.access;

import java.time.Instant;
import java.util.UUID;

/** A break-glass grant: who may open which patient until when. */
public record BreakGlassGrant(
        UUID id, UUID clinicianId, UUID patientId, Instant grantedAt, Instant expiresAt, UUID alertId) {}
