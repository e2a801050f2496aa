package health.securevisit.patient.web;

import health.securevisit.patient.InvalidPatientException;
import health.securevisit.patient.PatientDetails;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** Turns request bodies and parameters into the module's types; errors name the field, never the value. */
final class PatientRequests {

    static final int MAX_REASON = 1000;
    private static final int MAX_PARAMETER = 200;

    private PatientRequests() {}

    static PatientDetails details(PatientApiController.PatientBody body) {
        return new PatientDetails(
                required(body.mrn(), "mrn"),
                required(body.fullName(), "fullName"),
                date(required(body.dateOfBirth(), "dateOfBirth"), "dateOfBirth"),
                body.address(),
                body.phone(),
                body.email(),
                body.insuranceId());
    }

    /** {@code mrn} is searched alone: combined with name or date of birth it is refused. */
    static Optional<String> mrnOnly(String mrn, @Nullable String name, @Nullable String dateOfBirth) {
        if (blankToNull(name) != null || blankToNull(dateOfBirth) != null) {
            throw invalid("search by mrn alone, or by name and/or dateOfBirth");
        }
        if (mrn.length() > MAX_PARAMETER) {
            throw invalid("mrn must be 1-32 characters of A-Z, a-z, 0-9 and -");
        }
        return Optional.of(mrn.strip()).filter(m -> !m.isEmpty());
    }

    static @Nullable LocalDate searchDate(@Nullable String value) {
        String text = blankToNull(value);
        return text == null ? null : date(text, "dateOfBirth");
    }

    static @Nullable String blankToNull(@Nullable String value) {
        return value == null || value.isBlank() ? null : value;
    }

    static String reason(@Nullable String reason) {
        String text = reason == null ? "" : reason.strip();
        if (text.codePointCount(0, text.length()) > MAX_REASON) {
            throw RefusedRequestException.reasonTooLong(MAX_REASON);
        }
        return text;
    }

    private static String required(@Nullable String value, String field) {
        if (value == null || value.isBlank()) {
            throw invalid(field + " is required");
        }
        return value;
    }

    private static LocalDate date(String value, String field) {
        try {
            return LocalDate.parse(value.strip(), DateTimeFormatter.ISO_LOCAL_DATE);
        } catch (DateTimeParseException e) {
            throw invalid(field + " must be a date in the form YYYY-MM-DD");
        }
    }

    private static InvalidPatientException invalid(String message) {
        return new InvalidPatientException(message + ".");
    }
}
