package health.securevisit.device.internal;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** One inventory entry: a device that touches PHI, its owner, and the state of its browser binding. */
public record Device(
        UUID id,
        UUID ownerId,
        String name,
        Kind kind,
        Ownership ownership,
        String osName,
        String osVersion,
        String serialNumber,
        @Nullable String mdmId,
        Instant firstSeen,
        Instant lastSeen,
        Binding binding,
        @Nullable String publicJwk,
        @Nullable String thumbprint,
        @Nullable Instant boundAt,
        @Nullable Instant lostAt) {

    /** What the device is; hospital-at-home hubs are listed so that the hub module can adopt them. */
    public enum Kind {
        LAPTOP,
        PHONE,
        TABLET,
        WORKSTATION,
        HOSPITAL_AT_HOME_HUB
    }

    /** Who owns the hardware: the organisation (full wipe) or the workforce member (selective wipe). */
    public enum Ownership {
        ORGANISATION,
        BYOD
    }

    /** Whether a browser key is bound; REVOKED after a lost-device report (rebinding needs a new entry). */
    public enum Binding {
        UNBOUND,
        BOUND,
        REVOKED
    }
}
