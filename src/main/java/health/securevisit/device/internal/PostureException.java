package health.securevisit.device.internal;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A recorded exception to one posture check: for one device, or for every device of a group (any
 * combination of kind, ownership and OS name), granted by a security officer with a reason, counting
 * until its expiry or until it is revoked, whichever comes first.
 */
public record PostureException(
        UUID id,
        @Nullable UUID deviceId,
        Device.@Nullable Kind groupKind,
        Device.@Nullable Ownership groupOwnership,
        @Nullable String groupOsName,
        String check,
        String reason,
        UUID grantedBy,
        Instant grantedAt,
        Instant expiresAt,
        @Nullable Instant revokedAt,
        @Nullable UUID revokedBy) {

    /** Whether it counts at {@code now}: not revoked and not expired. */
    public boolean activeAt(Instant now) {
        return revokedAt == null && now.isBefore(expiresAt);
    }

    /** Whether it covers the device (the device itself, or a group the device belongs to). */
    public boolean covers(Device device) {
        if (deviceId != null) {
            return deviceId.equals(device.id());
        }
        return (groupKind == null || groupKind == device.kind())
                && (groupOwnership == null || groupOwnership == device.ownership())
                && (groupOsName == null || groupOsName.equalsIgnoreCase(device.osName()));
    }
}
