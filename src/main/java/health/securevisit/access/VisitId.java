package health.securevisit.access;

import java.util.Objects;
import java.util.UUID;

/** A visit's id; its own type so that it cannot be confused with a {@link PatientId}. */
public record VisitId(UUID value) {

    public VisitId {
        Objects.requireNonNull(value, "value");
    }

    public static VisitId of(UUID value) {
        return new VisitId(value);
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
