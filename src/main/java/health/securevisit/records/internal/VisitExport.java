package health.securevisit.records.internal;

import health.securevisit.access.Intent;
import health.securevisit.records.ArtifactInfo;
import health.securevisit.records.ConsentAnswer;
import health.securevisit.records.ConsentRecord;
import health.securevisit.visit.VisitRecordFacts;
import java.util.Date;
import java.util.UUID;
import org.hl7.fhir.r4.model.Attachment;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.DocumentReference;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Enumerations.DocumentReferenceStatus;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.StringType;
import org.springframework.stereotype.Component;

/**
 * The visit export: a FHIR R4 Bundle (collection) of the Encounter, a reference to the Patient (no
 * demographics), the QuestionnaireResponses of the visit's forms, the Consents, and a
 * DocumentReference per complete artifact with its size and SHA-256 (the artifact's bytes are fetched
 * separately from its content URL, each read decided and audited). Decided once for the visit.
 */
@Component
public class VisitExport {

    static final String EXPORT = "records.visit.export";
    /** R4's Attachment.hash is SHA-1; the SHA-256 the records keep goes in this extension. */
    public static final String SHA256_EXTENSION = "https://securevisit.health/fhir/StructureDefinition/sha256";

    private static final String CODES = "https://securevisit.health/fhir/CodeSystem/";

    private final RecordsAccess access;
    private final ArtifactRows artifacts;
    private final Consents consents;
    private final IntakeForms intake;

    VisitExport(RecordsAccess access, ArtifactRows artifacts, Consents consents, IntakeForms intake) {
        this.access = access;
        this.artifacts = artifacts;
        this.consents = consents;
        this.intake = intake;
    }

    public Bundle export(UUID visitId) {
        VisitRecordFacts visit = access.visit(visitId, EXPORT, Intent.READ, "visit-export");
        Reference patient = new Reference("Patient/" + visit.facts().patientId());
        Reference encounterRef = new Reference("Encounter/" + visitId);
        Bundle bundle = new Bundle().setType(Bundle.BundleType.COLLECTION);
        bundle.setId(UUID.randomUUID().toString());

        Encounter encounter = new Encounter();
        encounter.setId(visitId.toString());
        encounter.setStatus(status(visit.status()));
        encounter.setClass_(new Coding("http://terminology.hl7.org/CodeSystem/v3-ActCode", "VR", "virtual"));
        encounter.setSubject(patient);
        encounter.setPeriod(new Period()
                .setStart(Date.from(visit.facts().start()))
                .setEnd(Date.from(visit.facts().end())));
        for (UUID clinician : visit.facts().clinicianIds()) {
            encounter.addParticipant().setIndividual(new Reference("Practitioner/" + clinician));
        }
        add(bundle, encounter);

        for (QuestionnaireResponse response : intake.responsesDecided(visit)) {
            response.setSubject(patient);
            response.setEncounter(encounterRef);
            add(bundle, response);
        }
        for (ConsentRecord c : consents.ofVisitDecided(visitId)) {
            add(bundle, consent(c, patient));
        }
        for (ArtifactInfo a : artifacts.ofVisit(visitId, true)) {
            add(bundle, document(a, patient, encounterRef));
        }
        return bundle;
    }

    private static Consent consent(ConsentRecord c, Reference patient) {
        Consent consent = new Consent();
        consent.setId(c.id().toString());
        consent.setStatus(
                switch (c.answer()) {
                    case GIVEN -> Consent.ConsentState.ACTIVE;
                    case REFUSED -> Consent.ConsentState.REJECTED;
                    case WITHDRAWN -> Consent.ConsentState.INACTIVE;
                });
        consent.setScope(new CodeableConcept(new Coding(
                "http://terminology.hl7.org/CodeSystem/consentscope", "patient-privacy", "Privacy Consent")));
        consent.addCategory(
                new CodeableConcept(new Coding(CODES + "consent-kind", c.kind().name(), null)));
        consent.addCategory(new CodeableConcept(new Coding("http://loinc.org", "59284-0", "Consent Document")));
        consent.setPatient(patient);
        consent.setDateTime(Date.from(c.recordedAt()));
        consent.addPolicy().setUri(c.formUrl() + "|" + c.formVersion());
        consent.setProvision(new Consent.ProvisionComponent()
                .setType(
                        c.answer() == ConsentAnswer.GIVEN
                                ? Consent.ConsentProvisionType.PERMIT
                                : Consent.ConsentProvisionType.DENY));
        if (c.recordedBy() != null) {
            consent.addPerformer(new Reference("Practitioner/" + c.recordedBy()));
        }
        return consent;
    }

    private static DocumentReference document(ArtifactInfo a, Reference patient, Reference encounter) {
        DocumentReference doc = new DocumentReference();
        doc.setId(a.id());
        doc.setStatus(DocumentReferenceStatus.CURRENT);
        if (a.kind() == health.securevisit.records.ArtifactKind.TRANSCRIPT) {
            // An automatic draft or a correction is preliminary; the version a clinician signed is final.
            doc.setDocStatus(
                    a.signedBy() == null
                            ? DocumentReference.ReferredDocumentStatus.PRELIMINARY
                            : DocumentReference.ReferredDocumentStatus.FINAL);
        }
        doc.setType(
                new CodeableConcept(new Coding(CODES + "artifact-kind", a.kind().name(), null)));
        doc.setSubject(patient);
        doc.setDate(Date.from(a.completedAt() == null ? a.createdAt() : a.completedAt()));
        doc.getContext().addEncounter(encounter);
        Attachment attachment =
                new Attachment().setContentType(a.contentType()).setUrl("/api/v1/artifacts/" + a.id() + "/content");
        if (a.declaredSize() <= Integer.MAX_VALUE) {
            attachment.setSize((int) a.declaredSize());
        }
        attachment.addExtension(new Extension(SHA256_EXTENSION, new StringType(a.sha256())));
        doc.addContent().setAttachment(attachment);
        return doc;
    }

    private static Encounter.EncounterStatus status(String visitStatus) {
        return switch (visitStatus) {
            case "SCHEDULED" -> Encounter.EncounterStatus.PLANNED;
            case "WAITING", "IDENTITY_VERIFIED" -> Encounter.EncounterStatus.ARRIVED;
            case "IN_PROGRESS" -> Encounter.EncounterStatus.INPROGRESS;
            case "ENDED" -> Encounter.EncounterStatus.FINISHED;
            default -> Encounter.EncounterStatus.CANCELLED;
        };
    }

    private static void add(Bundle bundle, Resource resource) {
        bundle.addEntry()
                .setFullUrl("urn:uuid:"
                        + UUID.nameUUIDFromBytes((resource.fhirType() + "/"
                                        + resource.getIdElement().getIdPart())
                                .getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                .setResource(resource);
    }

    static String json(Bundle bundle) {
        return Forms.json().encodeResourceToString(bundle);
    }
}
