package health.securevisit.patient;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A patient's demographics, decrypted. Only code that the access decision point allowed may hold one;
 * {@link #toString()} shows the id only, so a record never reaches a log by accident.
 */
public record PatientRecord(
        UUID id,
        String mrn,
        String fullName,
        LocalDate dateOfBirth,
        @Nullable String address,
        @Nullable String phone,
        @Nullable String email,
        @Nullable String insuranceId,
        Instant createdAt,
        Instant updatedAt) {

    @Override
    public String toString() {
        return "PatientRecord[id=" + id + "]";
    }
}
