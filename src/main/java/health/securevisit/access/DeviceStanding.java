package health.securevisit.access;

import java.util.List;
import java.util.Objects;

/**
 * The posture of the device a request comes from, with the checks it fails.
 *
 * @param posture compliant, non-compliant, or unknown (no bound device proved, or no posture report)
 * @param failingChecks stable check codes ({@code disk-encryption}, {@code screen-lock},
 *     {@code antivirus}, {@code os-version}, {@code mdm-remote-wipe}, {@code byod-unmanaged},
 *     {@code report-stale}, {@code no-posture-report}, {@code device-not-bound} ...); empty when
 *     compliant. They name what the user must fix; they are never PHI.
 */
public record DeviceStanding(DevicePosture posture, List<String> failingChecks) {

    public DeviceStanding {
        Objects.requireNonNull(posture, "posture");
        failingChecks = List.copyOf(failingChecks);
    }

    public static DeviceStanding of(DevicePosture posture) {
        return new DeviceStanding(posture, List.of());
    }
}
