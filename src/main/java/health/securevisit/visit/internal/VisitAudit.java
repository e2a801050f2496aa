package health.securevisit.visit.internal;

import health.securevisit.audit.AuditEvent;
import health.securevisit.audit.AuditTrail;
import health.securevisit.audit.Outcome;
import health.securevisit.audit.PurposeOfUse;
import health.securevisit.identity.Role;
import health.securevisit.identity.WorkforcePrincipal;
import health.securevisit.platform.internal.RequestIdFilter;
import jakarta.servlet.http.HttpServletRequest;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.MDC;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Audit records of visit outcomes that are not access decisions (the decision point audits those):
 * identity verification results, flags, patient joins. Identifiers and codes only.
 */
@Component
class VisitAudit {

    static final String PATIENT_ACTOR = "patient";

    private final AuditTrail trail;

    VisitAudit(AuditTrail trail) {
        this.trail = trail;
    }

    void byWorkforce(WorkforcePrincipal who, String action, Outcome outcome, String reason, Visit visit) {
        String role =
                who.roles().contains(Role.CLINICIAN) && visit.clinicianIds().contains(who.id())
                        ? Role.CLINICIAN.name()
                        : who.roles().contains(Role.STAFF) ? Role.STAFF.name() : null;
        trail.record(event(action, outcome, reason, visit.id(), visit.patientId())
                .actor(who.id().toString(), role)
                .session(who.sessionRef(), who.authMethod())
                .build());
    }

    void byPatient(String action, Outcome outcome, String reason, @Nullable UUID visitId, @Nullable UUID patientId) {
        trail.record(event(action, outcome, reason, visitId, patientId)
                .actor(PATIENT_ACTOR, "PATIENT")
                .build());
    }

    private static AuditEvent.Builder event(
            String action, Outcome outcome, String reason, @Nullable UUID visitId, @Nullable UUID patientId) {
        HttpServletRequest request = request();
        Object requestId = request == null ? null : request.getAttribute(RequestIdFilter.ATTRIBUTE);
        return AuditEvent.builder(action, outcome, PurposeOfUse.TREATMENT)
                .reason(reason)
                .resource("visit", visitId == null ? null : visitId.toString())
                .visit(visitId == null ? null : visitId.toString())
                .patient(patientId == null ? null : patientId.toString())
                .source(request == null ? null : request.getRemoteAddr(), null)
                .request(requestId instanceof String s ? s : MDC.get(RequestIdFilter.MDC_KEY));
    }

    static @Nullable HttpServletRequest request() {
        return RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes
                ? attributes.getRequest()
                : null;
    }
}
