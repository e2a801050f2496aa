package health.securevisit.records.internal;

import health.securevisit.audit.AuditEvent;
import health.securevisit.audit.AuditTrail;
import health.securevisit.audit.Outcome;
import health.securevisit.audit.PurposeOfUse;
import health.securevisit.records.ConsentAnswer;
import health.securevisit.records.ConsentKind;
import health.securevisit.records.ConsentRecord;
import health.securevisit.records.PatientRecords;
import health.securevisit.records.RecordsException;
import health.securevisit.visit.VisitLookup;
import health.securevisit.visit.VisitRecordFacts;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/** The patient's side of a visit's records: its forms and its own consent answers ({@link PatientRecords}). */
@Component
class PatientSide implements PatientRecords {

    private final IntakeForms intake;
    private final Forms forms;
    private final ConsentRows consents;
    private final Consents recorder;
    private final VisitLookup visits;
    private final AuditTrail trail;

    PatientSide(
            IntakeForms intake,
            Forms forms,
            ConsentRows consents,
            Consents recorder,
            VisitLookup visits,
            AuditTrail trail) {
        this.intake = intake;
        this.forms = forms;
        this.consents = consents;
        this.recorder = recorder;
        this.visits = visits;
        this.trail = trail;
    }

    @Override
    public PatientView view(UUID visitId) {
        List<AssignedForm> assigned = intake.assignedForPatient(visitId).stream()
                .map(a -> new AssignedForm(
                        a.formUrl(),
                        a.formVersion(),
                        Forms.encode(forms.find(a.formUrl()).orElseThrow().questionnaire()),
                        a.answeredAt() != null))
                .toList();
        return new PatientView(
                assigned, current(visitId, ConsentKind.TELEHEALTH), current(visitId, ConsentKind.RECORDING));
    }

    private @Nullable ConsentAnswer current(UUID visitId, ConsentKind kind) {
        return consents.current(visitId, kind).map(ConsentRecord::answer).orElse(null);
    }

    @Override
    public void answer(UUID visitId, UUID participantId, String formUrl, String questionnaireResponseJson) {
        try {
            IntakeForms.Assignment a = intake.answerAsPatient(visitId, formUrl, questionnaireResponseJson);
            audit("records.form.answer", Outcome.SUCCESS, visitId, participantId, "form-assignment", a.id(), null);
        } catch (RecordsException e) {
            audit("records.form.answer", Outcome.DENIED, visitId, participantId, "visit", visitId, e.code());
            throw e;
        }
    }

    @Override
    public ConsentRecord consent(UUID visitId, UUID participantId, ConsentKind kind, ConsentAnswer answer) {
        VisitRecordFacts visit = visits.find(visitId).orElseThrow(RecordsException::visitNotFound);
        if (visit.ended()) {
            throw RecordsException.visitEnded();
        }
        ConsentRecord c = recorder.store(visit, kind, answer, null);
        audit(
                "records.consent.patient",
                Outcome.SUCCESS,
                visitId,
                participantId,
                "consent",
                c.id(),
                kind.name().toLowerCase(java.util.Locale.ROOT) + "-"
                        + answer.name().toLowerCase(java.util.Locale.ROOT));
        return c;
    }

    private void audit(
            String action,
            Outcome outcome,
            UUID visitId,
            UUID participantId,
            String type,
            UUID resource,
            @Nullable String reason) {
        UUID patient = visits.find(visitId).map(v -> v.facts().patientId()).orElse(null);
        trail.record(AuditEvent.builder(action, outcome, PurposeOfUse.TREATMENT)
                .actor("patient:" + participantId, "PATIENT")
                .resource(type, resource.toString())
                .visit(visitId.toString())
                .patient(patient == null ? null : patient.toString())
                .reason(reason)
                .build());
    }
}
