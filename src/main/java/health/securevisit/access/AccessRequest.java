package health.securevisit.access;

import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * What the current principal asks to do. The decision point adds who (the signed-in principal, its
 * roles, MFA method and age), when, device posture and training status itself.
 *
 * @param action the audited action, a stable dotted code such as {@code chart.read}
 * @param dataClass the kind of data touched
 * @param resourceType the kind of resource ({@code patient}, {@code visit}, {@code chart} ...)
 * @param resourceId its id, or null for a collection or a resource not created yet
 * @param patientId the patient whose data is touched, or null when none (yet)
 * @param visitId the visit through which it is touched, or null
 */
public record AccessRequest(
        String action,
        DataClass dataClass,
        String resourceType,
        @Nullable String resourceId,
        @Nullable UUID patientId,
        @Nullable UUID visitId) {

    public AccessRequest {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(dataClass, "dataClass");
        Objects.requireNonNull(resourceType, "resourceType");
    }
}
