package health.securevisit.visit.testing;

import health.securevisit.patient.DataPoint;
import health.securevisit.patient.DuplicateMrnException;
import health.securevisit.patient.IdentityCheck;
import health.securevisit.patient.PatientDetails;
import health.securevisit.patient.PatientNotFoundException;
import health.securevisit.patient.PatientRecord;
import health.securevisit.patient.Patients;
import java.text.Normalizer;
import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * TEST ONLY, TEMPORARY: an in-memory {@link Patients} so the visit module can be tested before the
 * patient module is merged. Delete it when the real implementation is on the branch.
 */
@Component
public class TemporaryPatients implements Patients {

    private final Map<UUID, PatientRecord> records = new ConcurrentHashMap<>();

    @Override
    public synchronized PatientRecord create(PatientDetails d) {
        if (findIdByMrn(d.mrn()).isPresent()) {
            throw new DuplicateMrnException();
        }
        Instant now = Instant.now();
        PatientRecord r = new PatientRecord(
                UUID.randomUUID(),
                d.mrn(),
                d.fullName(),
                d.dateOfBirth(),
                d.address(),
                d.phone(),
                d.email(),
                d.insuranceId(),
                now,
                now);
        records.put(r.id(), r);
        return r;
    }

    @Override
    public PatientRecord update(UUID id, PatientDetails d) {
        PatientRecord old = find(id).orElseThrow(PatientNotFoundException::new);
        PatientRecord r = new PatientRecord(
                id,
                d.mrn(),
                d.fullName(),
                d.dateOfBirth(),
                d.address(),
                d.phone(),
                d.email(),
                d.insuranceId(),
                old.createdAt(),
                Instant.now());
        records.put(id, r);
        return r;
    }

    @Override
    public Optional<PatientRecord> find(UUID id) {
        return Optional.ofNullable(records.get(id));
    }

    @Override
    public boolean exists(UUID id) {
        return records.containsKey(id);
    }

    @Override
    public Optional<UUID> findIdByMrn(String mrn) {
        return records.values().stream()
                .filter(r -> r.mrn().equals(mrn))
                .map(PatientRecord::id)
                .findFirst();
    }

    @Override
    public List<UUID> search(@Nullable String name, @Nullable LocalDate dateOfBirth, int limit) {
        return records.values().stream()
                .filter(r -> name == null || text(r.fullName()).contains(text(name)))
                .filter(r -> dateOfBirth == null || r.dateOfBirth().equals(dateOfBirth))
                .map(PatientRecord::id)
                .limit(limit)
                .toList();
    }

    @Override
    public IdentityCheck check(UUID patientId, Map<DataPoint, String> entered) {
        PatientRecord r = find(patientId).orElseThrow(PatientNotFoundException::new);
        Set<DataPoint> matched = EnumSet.noneOf(DataPoint.class);
        Set<DataPoint> mismatched = EnumSet.noneOf(DataPoint.class);
        entered.forEach((point, value) -> {
            boolean same = switch (point) {
                case FULL_NAME -> text(value).equals(text(r.fullName()));
                case DATE_OF_BIRTH -> value.strip().equals(r.dateOfBirth().toString());
                case ADDRESS -> r.address() != null && text(value).equals(text(r.address()));
                case PHONE -> r.phone() != null && digits(value).equals(digits(r.phone()));
                case MRN -> value.strip().equalsIgnoreCase(r.mrn());
                case PHOTO_ID_INSPECTED -> "true".equals(value);
            };
            (same ? matched : mismatched).add(point);
        });
        return new IdentityCheck(matched, mismatched);
    }

    private static String text(String s) {
        String plain = Normalizer.normalize(s, Normalizer.Form.NFKD).replaceAll("\\p{M}", "");
        return plain.toLowerCase(Locale.ROOT)
                .replaceAll("[^\\p{L}\\p{N}]+", " ")
                .strip();
    }

    private static String digits(String s) {
        return s.replaceAll("\\D", "");
    }
}
