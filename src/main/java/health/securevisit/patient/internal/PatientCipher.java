package health.securevisit.patient.internal;

import health.securevisit.keys.FieldBinding;
import health.securevisit.keys.FieldEncryption;
import health.securevisit.patient.PatientDetails;
import health.securevisit.patient.PatientRecord;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Encrypts demographics into a row and back, each field under the data key of scope
 * {@code patient:<id>} and bound to table {@code patient}, its column and the row id.
 */
@Component
class PatientCipher {

    static final String TABLE = "patient";

    private final FieldEncryption fields;

    PatientCipher(FieldEncryption fields) {
        this.fields = fields;
    }

    static String scope(UUID id) {
        return "patient:" + id;
    }

    PatientRows.Row seal(
            UUID id, PatientDetails details, byte[] mrnIndex, byte[] dobIndex, Instant createdAt, Instant updatedAt) {
        return new PatientRows.Row(
                id,
                encrypt(id, "mrn_enc", details.mrn()),
                encrypt(id, "full_name_enc", details.fullName()),
                encrypt(id, "date_of_birth_enc", Normalization.date(details.dateOfBirth())),
                encryptOptional(id, "address_enc", details.address()),
                encryptOptional(id, "phone_enc", details.phone()),
                encryptOptional(id, "email_enc", details.email()),
                encryptOptional(id, "insurance_id_enc", details.insuranceId()),
                mrnIndex,
                dobIndex,
                createdAt,
                updatedAt);
    }

    /**
     * @throws health.securevisit.keys.CiphertextIntegrityException if a field was altered or moved, or
     *     the patient's data key was destroyed (crypto-shredded)
     */
    PatientRecord open(PatientRows.Row row) {
        UUID id = row.id();
        return new PatientRecord(
                id,
                decrypt(id, "mrn_enc", row.mrn()),
                decrypt(id, "full_name_enc", row.fullName()),
                LocalDate.parse(decrypt(id, "date_of_birth_enc", row.dateOfBirth())),
                decryptOptional(id, "address_enc", row.address()),
                decryptOptional(id, "phone_enc", row.phone()),
                decryptOptional(id, "email_enc", row.email()),
                decryptOptional(id, "insurance_id_enc", row.insuranceId()),
                row.createdAt(),
                row.updatedAt());
    }

    static FieldBinding binding(UUID id, String column) {
        return new FieldBinding(scope(id), TABLE, column, id.toString());
    }

    private byte[] encrypt(UUID id, String column, String value) {
        return fields.encryptText(binding(id, column), value);
    }

    private byte @Nullable [] encryptOptional(UUID id, String column, @Nullable String value) {
        return value == null ? null : encrypt(id, column, value);
    }

    private String decrypt(UUID id, String column, byte[] ciphertext) {
        return fields.decryptText(binding(id, column), ciphertext);
    }

    private @Nullable String decryptOptional(UUID id, String column, byte @Nullable [] ciphertext) {
        return ciphertext == null ? null : decrypt(id, column, ciphertext);
    }
}
