package health.securevisit.patient.internal;

import health.securevisit.keys.BlindIndexes;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import org.springframework.stereotype.Component;

/** The patient module's blind indexes: one keyed purpose per kind of value, over normalised values. */
@Component
class PatientIndexes {

    static final String MRN = "patient.mrn";
    static final String DATE_OF_BIRTH = "patient.date-of-birth";
    static final String NAME_WORD = "patient.name-word";

    private final BlindIndexes indexes;

    PatientIndexes(BlindIndexes indexes) {
        this.indexes = indexes;
    }

    byte[] mrn(String mrn) {
        return index(MRN, Normalization.mrn(mrn));
    }

    byte[] dateOfBirth(LocalDate dateOfBirth) {
        return index(DATE_OF_BIRTH, Normalization.date(dateOfBirth));
    }

    /** One index per distinct normalised word of {@code name}. */
    List<byte[]> nameWords(String name) {
        return Normalization.words(name).stream()
                .map(word -> index(NAME_WORD, word))
                .toList();
    }

    private byte[] index(String purpose, String normalized) {
        return indexes.index(purpose, normalized.getBytes(StandardCharsets.UTF_8));
    }
}
