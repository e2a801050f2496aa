package health.securevisit.device;

import java.util.UUID;

/**
 * Revokes a device for other modules (the incident page's containment): the lost-device response
 * carried out by the device module, with its checks (a security officer or the owner) and audit
 * records.
 *
 * <p>Guarantees: when this returns, the device's binding is revoked, so every session proved on it
 * ends at its next request (401 {@code device-revoked}), and a wipe is queued (selective for a BYOD
 * device; through the MDM for an organisation device).
 */
public interface DeviceRevocation {

    /** The wipe queued for the revoked device: its action and status, as the device module reports them. */
    record Revoked(UUID deviceId, String wipe, String wipeStatus) {}

    /** Revokes {@code deviceId} (again: answers the wipe already queued). */
    Revoked revoke(UUID deviceId);
}
