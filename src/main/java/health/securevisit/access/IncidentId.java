package health.securevisit.access;

import java.util.Objects;
import java.util.UUID;

/** An incident's id; its own type so that it cannot be confused with a {@link PatientId}. */
public record IncidentId(UUID value) {

    public IncidentId {
        Objects.requireNonNull(value, "value");
    }

    public static IncidentId of(UUID value) {
        return new IncidentId(value);
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
