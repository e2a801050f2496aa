package health.securevisit.patient.internal;

import health.securevisit.patient.InvalidPatientException;
import health.securevisit.patient.PatientDetails;
import health.securevisit.platform.FreeText;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The rules for demographics. Text is trimmed and NFC-normalised, bidirectional controls and
 * zero-width characters are refused ({@link FreeText}); an optional field that is blank counts as
 * absent. Messages name the field and the rule, never the value. Lengths count Unicode code points.
 */
final class PatientValidation {

    static final LocalDate EARLIEST_BIRTH = LocalDate.of(1900, 1, 1);
    private static final Pattern MRN = Pattern.compile("[A-Za-z0-9-]{1,32}");
    private static final Pattern PHONE = Pattern.compile("[0-9 +()-]{7,20}");
    private static final Pattern CONTROL = Pattern.compile("\\p{Cc}");
    static final String HIDDEN_CHARACTERS = "%s must not contain bidirectional controls or zero-width characters";

    private final Clock clock;

    PatientValidation(Clock clock) {
        this.clock = clock;
    }

    /** The details cleaned (trimmed, blank optional fields dropped), or an {@link InvalidPatientException}. */
    PatientDetails validate(PatientDetails details) {
        String mrn = required(details.mrn(), "mrn");
        if (!MRN.matcher(mrn).matches()) {
            throw invalid("mrn must be 1-32 characters of A-Z, a-z, 0-9 and -");
        }
        String fullName = required(details.fullName(), "fullName");
        maxLength(fullName, "fullName", 200);
        if (Normalization.words(fullName).isEmpty()) {
            throw invalid("fullName must contain a letter or a digit");
        }
        LocalDate dateOfBirth = dateOfBirth(details.dateOfBirth());
        String address = optional(details.address(), "address", 500);
        String phone = optional(details.phone(), "phone", 20);
        if (phone != null
                && (!PHONE.matcher(phone).matches()
                        || Normalization.phone(phone).length() < 7)) {
            throw invalid("phone must be 7-20 characters of digits, spaces, + - ( ) with at least 7 digits");
        }
        String email = optional(details.email(), "email", 254);
        if (email != null && !validEmail(email)) {
            throw invalid("email must have one @ with text on both sides and no spaces");
        }
        String insuranceId = optional(details.insuranceId(), "insuranceId", 64);
        return new PatientDetails(mrn, fullName, dateOfBirth, address, phone, email, insuranceId);
    }

    /**
     * Not before 1900-01-01 and not in the future: later than today nowhere on Earth (today in UTC+14,
     * so that a patient born today in any time zone is accepted).
     */
    LocalDate dateOfBirth(@Nullable LocalDate value) {
        if (value == null) {
            throw invalid("dateOfBirth is required");
        }
        if (value.isAfter(LocalDate.now(clock.withZone(ZoneOffset.MAX)))) {
            throw invalid("dateOfBirth must not be in the future");
        }
        if (value.isBefore(EARLIEST_BIRTH)) {
            throw invalid("dateOfBirth must not be before 1900-01-01");
        }
        return value;
    }

    static InvalidPatientException invalid(String message) {
        return new InvalidPatientException(message + ".");
    }

    private static String required(@Nullable String value, String field) {
        if (value == null || value.isBlank()) {
            throw invalid(field + " is required");
        }
        String text = freeText(value.strip(), field);
        noControls(text, field);
        return text;
    }

    private static @Nullable String optional(@Nullable String value, String field, int max) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String text = freeText(value.strip(), field);
        noControls(text, field);
        maxLength(text, field, max);
        return text;
    }

    /** The platform's free-text rule: NFC, no bidi controls or zero-width characters. */
    private static String freeText(String value, String field) {
        return FreeText.normalized(value).orElseThrow(() -> invalid(HIDDEN_CHARACTERS.formatted(field)));
    }

    private static void maxLength(String value, String field, int max) {
        if (value.codePointCount(0, value.length()) > max) {
            throw invalid(field + " must be at most " + max + " characters");
        }
    }

    private static void noControls(String value, String field) {
        if (CONTROL.matcher(value).find()) {
            throw invalid(field + " must not contain control characters");
        }
    }

    private static boolean validEmail(String email) {
        int at = email.indexOf('@');
        return at > 0
                && at == email.lastIndexOf('@')
                && at < email.length() - 1
                && email.chars().noneMatch(Character::isWhitespace);
    }
}
