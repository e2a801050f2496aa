package health.securevisit.patient.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import health.securevisit.patient.InvalidPatientException;
import health.securevisit.patient.PatientDetails;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class PatientValidationTests {

    // 2026-03-10T23:30Z: already 2026-03-11 in UTC+14
    final PatientValidation validation =
            new PatientValidation(Clock.fixed(Instant.parse("2026-03-10T23:30:00Z"), ZoneOffset.UTC));

    static PatientDetails details(String mrn, String name, LocalDate dob, String phone, String email) {
        return new PatientDetails(mrn, name, dob, "  ", phone, email, "");
    }

    @Test
    void cleansValidDetailsAndDropsBlankOptionalFields() {
        PatientDetails valid = validation.validate(details(
                " MRN-1 ", "  Ada Lovelace ", LocalDate.of(1900, 1, 1), "+1 (555) 010-2030", " ada@example.org "));
        assertThat(valid.mrn()).isEqualTo("MRN-1");
        assertThat(valid.fullName()).isEqualTo("Ada Lovelace");
        assertThat(valid.address()).isNull();
        assertThat(valid.insuranceId()).isNull();
        assertThat(valid.email()).isEqualTo("ada@example.org");
    }

    @Test
    void acceptsABirthTodayAnywhereButNotLater() {
        validation.validate(details("M1", "Born Today", LocalDate.of(2026, 3, 11), "5550102030", "a@b"));
        assertThatThrownBy(() ->
                        validation.validate(details("M1", "Not Yet", LocalDate.of(2026, 3, 12), "5550102030", "a@b")))
                .isInstanceOf(InvalidPatientException.class)
                .hasMessage("dateOfBirth must not be in the future.");
        assertThatThrownBy(() ->
                        validation.validate(details("M1", "Too Old", LocalDate.of(1899, 12, 31), "5550102030", "a@b")))
                .hasMessage("dateOfBirth must not be before 1900-01-01.");
    }

    @Test
    void refusesEachRuleNamingTheFieldNotTheValue() {
        LocalDate dob = LocalDate.of(1990, 1, 1);
        assertRefused(details("", "Name", dob, null, null), "mrn is required.");
        assertRefused(
                details("a".repeat(33), "Name", dob, null, null),
                "mrn must be 1-32 characters of A-Z, a-z, 0-9 and -.");
        assertRefused(details("mrn_1", "Name", dob, null, null), "mrn must be 1-32 characters of A-Z, a-z, 0-9 and -.");
        assertRefused(details("M1", " ", dob, null, null), "fullName is required.");
        assertRefused(details("M1", "—", dob, null, null), "fullName must contain a letter or a digit.");
        assertRefused(details("M1", "é".repeat(201), dob, null, null), "fullName must be at most 200 characters.");
        assertRefused(details("M1", "Tab\u0007Name", dob, null, null), "fullName must not contain control characters.");
        assertRefused(
                details("M1", "Name", dob, "12345", null),
                "phone must be 7-20 characters of digits, spaces, + - ( ) with at least 7 digits.");
        assertRefused(
                details("M1", "Name", dob, "(((((((", null),
                "phone must be 7-20 characters of digits, spaces, + - ( ) with at least 7 digits.");
        assertRefused(details("M1", "Name", dob, "1".repeat(21), null), "phone must be at most 20 characters.");
        assertRefused(
                details("M1", "Name", dob, null, "no-at-sign"),
                "email must have one @ with text on both sides and no spaces.");
        assertRefused(
                details("M1", "Name", dob, null, "a b@c"),
                "email must have one @ with text on both sides and no spaces.");
        assertRefused(
                details("M1", "Name", dob, null, "@c"), "email must have one @ with text on both sides and no spaces.");
        assertRefused(
                details("M1", "Name", dob, null, "a@" + "b".repeat(253)), "email must be at most 254 characters.");
        assertRefused(
                new PatientDetails("M1", "Name", dob, "x".repeat(501), null, null, null),
                "address must be at most 500 characters.");
        assertRefused(
                new PatientDetails("M1", "Name", dob, null, null, null, "i".repeat(65)),
                "insuranceId must be at most 64 characters.");
    }

    void assertRefused(PatientDetails details, String message) {
        assertThatThrownBy(() -> validation.validate(details))
                .isInstanceOf(InvalidPatientException.class)
                .hasMessage(message)
                .satisfies(e -> assertThat(((InvalidPatientException) e).code()).isEqualTo("invalid-patient"));
    }
}
