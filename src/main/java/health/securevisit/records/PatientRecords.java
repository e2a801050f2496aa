package health.securevisit.records;

import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * What the patient of a visit does with its records from the visit's own pages: fill the intake forms
 * assigned to the visit and give or withdraw telehealth and recording consent.
 *
 * <p>Security guarantees: the caller has authenticated the patient of exactly {@code visitId} (the
 * room credential of that visit); nothing here accepts a visit, patient or form the caller names
 * beyond matching the visit's own assignments. A visit that ended is refused (409 {@code
 * visit-ended}). Each answer and consent is audited with the patient participant's id as actor
 * reference and the assignment's or consent's id; no answer value is logged or put in an error.
 */
public interface PatientRecords {

    /**
     * A form assigned to the visit as the patient sees it.
     *
     * @param url the form's canonical url
     * @param version the assigned version
     * @param questionnaire the FHIR R4 Questionnaire (JSON) to render
     * @param answered whether the patient answered it already (answering again replaces the answers)
     */
    record AssignedForm(String url, String version, String questionnaire, boolean answered) {}

    /**
     * The visit's forms and the current consent answers.
     *
     * @param telehealth the current telehealth consent answer, or null
     * @param recording the current recording consent answer, or null
     */
    record PatientView(
            List<AssignedForm> forms,
            @Nullable ConsentAnswer telehealth,
            @Nullable ConsentAnswer recording) {}

    PatientView view(UUID visitId);

    /**
     * Stores the answers (a FHIR QuestionnaireResponse) to form {@code formUrl} assigned to the visit.
     *
     * @throws RecordsException {@code form-answers-invalid} with an error per item, {@code form-not-assigned}
     */
    void answer(UUID visitId, UUID participantId, String formUrl, String questionnaireResponseJson);

    /** Records the patient's own consent answer (not attested by a clinician); WITHDRAWN stops a recording. */
    ConsentRecord consent(UUID visitId, UUID participantId, ConsentKind kind, ConsentAnswer answer);
}
