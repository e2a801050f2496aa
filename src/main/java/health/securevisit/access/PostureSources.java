package health.securevisit.access;

import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Inputs that later modules (device, training) provide. Until a module supplies a bean, the access
 * module's defaults answer {@link DevicePosture#UNKNOWN} and {@link TrainingStatus#UNKNOWN}.
 */
public final class PostureSources {

    private PostureSources() {}

    /** The posture of the device a request comes from. */
    public interface DevicePostures {
        DevicePosture postureOf(UUID userId, @Nullable String deviceId);

        /** The posture with the checks the device fails (the device module names them). */
        default DeviceStanding standingOf(UUID userId, @Nullable String deviceId) {
            return DeviceStanding.of(postureOf(userId, deviceId));
        }
    }

    /** The training status of a workforce member. */
    public interface TrainingStatuses {
        TrainingStatus statusOf(UUID userId);
    }
}
