package health.securevisit.records;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * One recorded consent decision.
 *
 * @param id its id
 * @param visitId the visit
 * @param patientId the visit's patient
 * @param kind telehealth or recording
 * @param answer given, refused or withdrawn
 * @param formUrl the canonical url of the consent form (FHIR Questionnaire) the answer was given on
 * @param formVersion that form's version
 * @param recordedBy the clinician who recorded it (attested for the patient), or null when the patient
 *     answered themselves
 * @param attested whether a clinician recorded the patient's spoken answer
 * @param recordedAt when
 */
public record ConsentRecord(
        UUID id,
        UUID visitId,
        UUID patientId,
        ConsentKind kind,
        ConsentAnswer answer,
        String formUrl,
        String formVersion,
        @Nullable UUID recordedBy,
        boolean attested,
        Instant recordedAt) {}
