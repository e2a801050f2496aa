package health.securevisit.hub.internal;

import org.jspecify.annotations.Nullable;

/**
 * Whether a batch's uplink report keeps the hub isolated, as a pure function: a hub registered on
 * or reporting a shared home network is non-compliant; so is a report whose mode differs from the
 * registered one, or (dedicated segment) whose segment id differs from the registered one. A cellular
 * carrier may change (roaming), so only the mode is compared for cellular hubs.
 */
final class NetworkCompliance {

    static final String SHARED_HOME_NETWORK = "shared-home-network";
    static final String UPLINK_MODE_MISMATCH = "uplink-mode-mismatch";
    static final String SEGMENT_MISMATCH = "segment-mismatch";

    private NetworkCompliance() {}

    /** The non-compliance reason, or null when compliant. */
    static @Nullable String check(
            NetworkMode registered, String registeredUplink, NetworkMode reported, String uplink) {
        if (registered == NetworkMode.SHARED_HOME || reported == NetworkMode.SHARED_HOME) {
            return SHARED_HOME_NETWORK;
        }
        if (registered != reported) {
            return UPLINK_MODE_MISMATCH;
        }
        if (registered == NetworkMode.DEDICATED_SEGMENT && !registeredUplink.equals(uplink)) {
            return SEGMENT_MISMATCH;
        }
        return null;
    }
}
