package health.securevisit.patient;

import java.time.LocalDate;
import org.jspecify.annotations.Nullable;

/**
 * The demographics of a new patient, or the full replacement of an existing patient's demographics.
 * Validated by {@link Patients} (required fields, lengths, formats, date of birth not in the future);
 * {@link #toString()} hides the values.
 */
public record PatientDetails(
        String mrn,
        String fullName,
        LocalDate dateOfBirth,
        @Nullable String address,
        @Nullable String phone,
        @Nullable String email,
        @Nullable String insuranceId) {

    @Override
    public String toString() {
        return "PatientDetails[redacted]";
    }
}
