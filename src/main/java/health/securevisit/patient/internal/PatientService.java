package health.securevisit.patient.internal;

import health.securevisit.patient.DataPoint;
import health.securevisit.patient.DuplicateMrnException;
import health.securevisit.patient.IdentityCheck;
import health.securevisit.patient.PatientDetails;
import health.securevisit.patient.PatientNotFoundException;
import health.securevisit.patient.PatientRecord;
import health.securevisit.patient.Patients;
import health.securevisit.platform.FreeText;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * {@link Patients}: validates, encrypts every field, keeps the blind indexes in step, all in one
 * transaction. Searching and finding by MRN look up indexes only; nothing is decrypted but the
 * records asked for.
 */
@Service
class PatientService implements Patients {

    static final int MAX_LIMIT = 100;

    private final PatientRows rows;
    private final PatientCipher cipher;
    private final PatientIndexes indexes;
    private final PatientValidation validation;
    private final Clock clock;

    PatientService(PatientRows rows, PatientCipher cipher, PatientIndexes indexes, Clock clock) {
        this.clock = clock;
        this.rows = rows;
        this.cipher = cipher;
        this.indexes = indexes;
        this.validation = new PatientValidation(clock);
    }

    @Override
    @Transactional
    public PatientRecord create(UUID id, PatientDetails details) {
        PatientDetails valid = validation.validate(details);
        byte[] mrnIndex = indexes.mrn(valid.mrn());
        if (rows.idByMrnIndex(mrnIndex).isPresent()) {
            throw new DuplicateMrnException();
        }
        Instant now = now();
        PatientRows.Row row = cipher.seal(id, valid, mrnIndex, indexes.dateOfBirth(valid.dateOfBirth()), now, now);
        try {
            rows.insert(row); // the unique index settles a race between two creations with one MRN
        } catch (DuplicateKeyException raced) {
            throw new DuplicateMrnException();
        }
        rows.replaceNameWords(id, indexes.nameWords(valid.fullName()));
        return cipher.open(row);
    }

    @Override
    @Transactional
    public PatientRecord update(UUID id, PatientDetails details) {
        PatientRows.Row current = rows.find(id).orElseThrow(PatientNotFoundException::new);
        PatientDetails valid = validation.validate(details);
        byte[] mrnIndex = indexes.mrn(valid.mrn());
        if (rows.idByMrnIndex(mrnIndex).filter(other -> !other.equals(id)).isPresent()) {
            throw new DuplicateMrnException();
        }
        PatientRows.Row row =
                cipher.seal(id, valid, mrnIndex, indexes.dateOfBirth(valid.dateOfBirth()), current.createdAt(), now());
        try {
            rows.update(row);
        } catch (DuplicateKeyException raced) {
            throw new DuplicateMrnException();
        }
        rows.replaceNameWords(id, indexes.nameWords(valid.fullName()));
        return cipher.open(row);
    }

    @Override
    // Single statements, no transaction: the row is read, the connection returned, and only then are the
    // fields decrypted (a transaction held the connection through the decryption).
    public Optional<PatientRecord> find(UUID id) {
        return rows.find(id).map(cipher::open);
    }

    @Override
    public boolean exists(UUID id) {
        return rows.exists(id);
    }

    @Override
    public Optional<UUID> findIdByMrn(String mrn) {
        String normalized = Normalization.mrn(mrn);
        return normalized.isEmpty() ? Optional.empty() : rows.idByMrnIndex(indexes.mrn(normalized));
    }

    @Override
    @Transactional(readOnly = true)
    public List<UUID> search(@Nullable String name, @Nullable LocalDate dateOfBirth, int limit) {
        int bounded = Math.clamp(limit, 1, MAX_LIMIT);
        if (name != null && name.codePointCount(0, name.length()) > 200) {
            throw PatientValidation.invalid("name must be at most 200 characters");
        }
        if (name != null && FreeText.hasHiddenControls(name)) {
            throw PatientValidation.invalid(PatientValidation.HIDDEN_CHARACTERS.formatted("name"));
        }
        List<byte[]> words = name == null ? List.of() : indexes.nameWords(name);
        byte[] dobIndex = dateOfBirth == null ? null : indexes.dateOfBirth(dateOfBirth);
        if (words.isEmpty() && dobIndex == null) {
            throw PatientValidation.invalid("a search needs a name with a letter or digit, or a dateOfBirth");
        }
        return words.isEmpty() ? rows.byDobIndex(dobIndex, bounded) : rows.byNameWords(words, dobIndex, bounded);
    }

    @Override
    @Transactional(readOnly = true)
    public List<UUID> recent(int limit) {
        return rows.recent(Math.clamp(limit, 1, MAX_LIMIT));
    }

    @Override
    @Transactional(readOnly = true)
    public IdentityCheck check(UUID patientId, Map<DataPoint, String> entered) {
        PatientRecord chart = find(patientId).orElseThrow(PatientNotFoundException::new);
        return IdentityComparison.compare(chart, entered);
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
