package health.securevisit.device;

import java.time.Instant;
import java.util.UUID;

/** A device was reported lost or stolen: its binding is revoked and a wipe or lock is requested. */
public record DeviceLost(UUID deviceId, UUID reportedBy, String action, Instant at) {}
