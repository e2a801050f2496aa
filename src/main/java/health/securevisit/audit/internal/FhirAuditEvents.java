package health.securevisit.audit.internal;

import ca.uhn.fhir.context.FhirContext;
import health.securevisit.audit.AuditEvent;
import java.util.Base64;
import java.util.Date;
import java.util.Locale;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventAction;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventAgentComponent;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventAgentNetworkType;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventEntityComponent;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventOutcome;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Reference;
import org.jspecify.annotations.Nullable;

/**
 * Maps an entry to an HL7 FHIR R4 AuditEvent following the IHE Basic Audit Log Patterns (BALP): the
 * RESTful-interaction or DICOM event type, the user agent (requestor, with role, network address
 * and session), the application and device agents, the patient and the resource as entities, the
 * request id as BALP's {@code XrequestId} entity, and the HL7 PurposeOfUse. Identifiers only.
 */
public final class FhirAuditEvents {

    static final String DCM = "http://dicom.nema.org/resources/ontology/DCM";
    static final String EVENT_TYPE = "http://terminology.hl7.org/CodeSystem/audit-event-type";
    static final String RESTFUL = "http://hl7.org/fhir/restful-interaction";
    static final String ENTITY_TYPE = "http://terminology.hl7.org/CodeSystem/audit-entity-type";
    static final String OBJECT_ROLE = "http://terminology.hl7.org/CodeSystem/object-role";
    static final String PARTICIPATION = "http://terminology.hl7.org/CodeSystem/v3-ParticipationType";
    static final String ACT_REASON = "http://terminology.hl7.org/CodeSystem/v3-ActReason";
    static final String BALP_ENTITY = "https://profiles.ihe.net/ITI/BALP/CodeSystem/BasicAuditEntityType";
    static final String SOURCE_TYPE = "http://terminology.hl7.org/CodeSystem/security-source-type";
    static final String URN = "urn:securevisit:";

    private static final FhirContext R4 = FhirContext.forR4Cached();

    private FhirAuditEvents() {}

    public static String json(StoredEntry entry) {
        return R4.newJsonParser().encodeResourceToString(map(entry));
    }

    public static org.hl7.fhir.r4.model.AuditEvent map(StoredEntry entry) {
        AuditEvent e = entry.event();
        var fhir = new org.hl7.fhir.r4.model.AuditEvent();
        fhir.setId("sv-audit-" + entry.seq());
        type(fhir, e.action());
        fhir.setRecorded(Date.from(entry.time()));
        fhir.setOutcome(
                switch (e.outcome()) {
                    case SUCCESS -> AuditEventOutcome._0;
                    case DENIED -> AuditEventOutcome._4;
                    case ERROR -> AuditEventOutcome._8;
                });
        if (e.reason() != null) {
            fhir.setOutcomeDesc(e.reason());
        }
        fhir.addPurposeOfEvent(
                new CodeableConcept(new Coding(ACT_REASON, e.purpose().hl7Code(), null)));
        user(fhir, e);
        AuditEventAgentComponent app = fhir.addAgent()
                .setType(new CodeableConcept(new Coding(DCM, "110150", "Application")))
                .setWho(new Reference()
                        .setIdentifier(
                                new Identifier().setSystem(URN + "application").setValue("securevisit")))
                .setRequestor(false);
        app.getWho().setDisplay("SecureVisit");
        if (e.deviceId() != null) {
            fhir.addAgent()
                    .setType(new CodeableConcept(new Coding(DCM, "110153", "Source Role ID")))
                    .setWho(identified("device", e.deviceId()))
                    .setRequestor(false);
        }
        fhir.getSource()
                .setSite("securevisit")
                .setObserver(identified("application", "securevisit"))
                .addType(new Coding(SOURCE_TYPE, "4", "Application Server"));
        if (e.patientId() != null) {
            fhir.addEntity()
                    .setWhat(identified("patient", e.patientId()))
                    .setType(new Coding(ENTITY_TYPE, "1", "Person"))
                    .setRole(new Coding(OBJECT_ROLE, "1", "Patient"));
        }
        if (e.resourceType() != null && !"patient".equals(e.resourceType())) {
            fhir.addEntity()
                    .setWhat(identified(e.resourceType(), e.resourceId() == null ? "-" : e.resourceId()))
                    .setType(new Coding(ENTITY_TYPE, "2", "System Object"));
        }
        if (e.visitId() != null) {
            fhir.addEntity()
                    .setWhat(identified("visit", e.visitId()))
                    .setType(new Coding(ENTITY_TYPE, "2", "System Object"));
        }
        if (e.requestId() != null) {
            fhir.addEntity()
                    .setWhat(identified("request", e.requestId()))
                    .setType(new Coding(BALP_ENTITY, "XrequestId", "request id"));
        }
        AuditEventEntityComponent record = fhir.addEntity()
                .setWhat(identified("audit-entry", Long.toString(entry.seq())))
                .setType(new Coding(ENTITY_TYPE, "2", "System Object"))
                .setDescription("SecureVisit audit entry " + entry.seq() + ", leaf hash "
                        + Base64.getEncoder().encodeToString(entry.leafHash()));
        record.setName("audit-entry-" + entry.seq());
        return fhir;
    }

    private static void user(org.hl7.fhir.r4.model.AuditEvent fhir, AuditEvent e) {
        AuditEventAgentComponent user = fhir.addAgent()
                .setType(new CodeableConcept(new Coding(PARTICIPATION, "IRCP", "information recipient")))
                .setWho(identified("user", e.actorId() == null ? "unknown" : e.actorId()))
                .setRequestor(true);
        if (e.actorRole() != null) {
            user.addRole(new CodeableConcept().setText(e.actorRole()));
        }
        if (e.sessionRef() != null) {
            user.setAltId(e.sessionRef());
        }
        if (e.authMethod() != null) {
            user.addPolicy(URN + "auth-method:" + e.authMethod());
        }
        if (e.sourceAddress() != null) {
            user.getNetwork().setAddress(e.sourceAddress()).setType(AuditEventAgentNetworkType._2);
        }
    }

    private static void type(org.hl7.fhir.r4.model.AuditEvent fhir, String action) {
        String verb = action.substring(action.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
        if (action.startsWith("auth.")) {
            fhir.setType(new Coding(DCM, "110114", "User Authentication"));
            if (verb.equals("login") || verb.equals("logout")) {
                fhir.addSubtype(
                        verb.equals("login")
                                ? new Coding(DCM, "110122", "Login")
                                : new Coding(DCM, "110123", "Logout"));
            }
            fhir.setAction(AuditEventAction.E);
            return;
        }
        fhir.setType(new Coding(EVENT_TYPE, "rest", "Restful Operation"));
        String interaction = switch (verb) {
            case "read", "view", "open" -> "read";
            case "search", "list", "query" -> "search-type";
            case "create", "add", "place" -> "create";
            case "update", "edit", "release" -> "update";
            case "delete", "remove" -> "delete";
            default -> null;
        };
        fhir.setAction(
                switch (interaction == null ? "execute" : interaction) {
                    case "read", "search-type" -> AuditEventAction.R;
                    case "create" -> AuditEventAction.C;
                    case "update" -> AuditEventAction.U;
                    case "delete" -> AuditEventAction.D;
                    default -> AuditEventAction.E;
                });
        if (interaction != null) {
            fhir.addSubtype(new Coding(RESTFUL, interaction, null));
        }
        fhir.addSubtype(new Coding(URN + "action", action, null));
    }

    private static Reference identified(String system, @Nullable String value) {
        return new Reference()
                .setIdentifier(new Identifier().setSystem(URN + system).setValue(value));
    }
}
