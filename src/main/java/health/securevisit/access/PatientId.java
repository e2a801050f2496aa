package health.securevisit.access;

import java.util.Objects;
import java.util.UUID;

/**
 * A patient's id. Its own type (not a bare UUID) so that a patient id cannot be passed where a visit
 * id is meant; it lives beside {@link AccessRequest} because the patient and visit modules both
 * depend on the access module.
 */
public record PatientId(UUID value) {

    public PatientId {
        Objects.requireNonNull(value, "value");
    }

    public static PatientId of(UUID value) {
        return new PatientId(value);
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
