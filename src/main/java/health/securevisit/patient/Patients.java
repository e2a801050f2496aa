package health.securevisit.patient;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Patient records for other modules. These methods do not decide access: a caller asks the access
 * decision point first, and reads only what it was allowed to.
 *
 * <p>Guarantees: demographics are stored only as AES-256-GCM ciphertext through the keys module's
 * FieldEncryption in scope {@code patient:<id>}; finding and searching use keyed blind indexes, so no
 * column holds plaintext PHI; invalid input is refused with {@link InvalidPatientException} before
 * anything is written.
 */
public interface Patients {

    /**
     * Registers a patient under {@code id} (chosen by the caller, so that the access decision and its
     * audit record can name it). @throws DuplicateMrnException (409) when the MRN is taken
     */
    PatientRecord create(UUID id, PatientDetails details);

    /** Registers a patient under a new random id. */
    default PatientRecord create(PatientDetails details) {
        return create(UUID.randomUUID(), details);
    }

    /** Replaces the demographics. @throws PatientNotFoundException, DuplicateMrnException */
    PatientRecord update(UUID id, PatientDetails details);

    Optional<PatientRecord> find(UUID id);

    boolean exists(UUID id);

    Optional<UUID> findIdByMrn(String mrn);

    /**
     * Ids of patients whose name contains every word of {@code name} (whole words, after
     * normalisation) and, when given, whose date of birth equals {@code dateOfBirth}; at most
     * {@code limit}. At least one criterion is required.
     */
    List<UUID> search(@Nullable String name, @Nullable LocalDate dateOfBirth, int limit);

    /** Ids of the most recently registered patients, newest first, at most {@code limit}. */
    List<UUID> recent(int limit);

    /**
     * Compares entered data points with the chart after normalisation (case, accents, spacing and
     * punctuation for names and addresses; digits for phone numbers; ISO dates). Keys are the data
     * points; values are the entered text ({@code "true"} for {@link DataPoint#PHOTO_ID_INSPECTED}).
     */
    IdentityCheck check(UUID patientId, Map<DataPoint, String> entered);
}
