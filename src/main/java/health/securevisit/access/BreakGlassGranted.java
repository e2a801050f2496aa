package health.securevisit.access;

import java.time.Instant;
import java.util.UUID;

/** Published (through the event publication registry) when a break-glass grant is opened. */
public record BreakGlassGranted(UUID grantId, UUID alertId, UUID clinicianId, UUID patientId, Instant expiresAt) {}
