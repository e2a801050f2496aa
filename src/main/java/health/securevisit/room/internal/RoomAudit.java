package health.securevisit.room.internal;

import health.securevisit.audit.AuditEvent;
import health.securevisit.audit.AuditTrail;
import health.securevisit.audit.Outcome;
import health.securevisit.audit.PurposeOfUse;
import health.securevisit.identity.WorkforcePrincipal;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Audit records of the room that are not access decisions (the decision point audits those): a
 * participant entering and leaving, admission, chat messages sent and read by the patient, TURN
 * credentials, refused handshakes. Identifiers and codes only.
 */
@Component
public class RoomAudit {

    static final String PATIENT_ACTOR = "patient";

    private final AuditTrail trail;

    RoomAudit(AuditTrail trail) {
        this.trail = trail;
    }

    /** An action of {@code who} in the room of a visit of {@code patientId}. */
    public void record(
            String action,
            Outcome outcome,
            String reason,
            Participant who,
            @Nullable UUID patientId,
            @Nullable String source) {
        AuditEvent.Builder event = AuditEvent.builder(action, outcome, PurposeOfUse.TREATMENT)
                .reason(reason)
                .resource("room", who.visitId().toString())
                .visit(who.visitId().toString())
                .patient(patientId == null ? null : patientId.toString())
                .source(source, null);
        WorkforcePrincipal principal = who.principal();
        if (principal == null) {
            event.actor(PATIENT_ACTOR, "PATIENT");
        } else {
            event.actor(principal.id().toString(), "CLINICIAN").session(principal.sessionRef(), principal.authMethod());
        }
        trail.record(event.build());
    }

    /** A refused entry whose participant is not known (a bad or missing credential). */
    public void refused(String action, String reason, UUID visitId, @Nullable String source) {
        trail.record(AuditEvent.builder(action, Outcome.DENIED, PurposeOfUse.TREATMENT)
                .reason(reason)
                .resource("room", visitId.toString())
                .visit(visitId.toString())
                .source(source, null)
                .build());
    }
}
