package health.securevisit.detection;

import health.securevisit.audit.AuditEvent;
import health.securevisit.audit.AuditRecord;
import health.securevisit.audit.AuditTrail;
import health.securevisit.audit.Outcome;
import health.securevisit.audit.PurposeOfUse;
import health.securevisit.identity.CurrentWorkforceUser;
import health.securevisit.identity.Role;
import health.securevisit.identity.WorkforcePrincipal;
import health.securevisit.platform.internal.RequestIdFilter;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;
import org.slf4j.MDC;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Audit records of security response work (alert and incident changes, drills, containment) by the
 * signed-in officer, with the request's origin. Identifiers and codes only. Recorded before the
 * change is answered; if the trail is unavailable the call throws and the request fails.
 */
@Component
public class ResponseAudit {

    private final AuditTrail trail;
    private final CurrentWorkforceUser currentUser;

    ResponseAudit(AuditTrail trail, CurrentWorkforceUser currentUser) {
        this.trail = trail;
        this.currentUser = currentUser;
    }

    /** Records {@code action} on {@code resourceType}/{@code resourceId} by the current user. */
    public AuditRecord record(
            String action, Outcome outcome, @Nullable String reason, String resourceType, @Nullable String resourceId) {
        return record(action, outcome, reason, resourceType, resourceId, null);
    }

    /** The same, naming the patient whose data was involved. */
    public AuditRecord record(
            String action,
            Outcome outcome,
            @Nullable String reason,
            String resourceType,
            @Nullable String resourceId,
            @Nullable String patientId) {
        WorkforcePrincipal who = currentUser.current().orElse(null);
        HttpServletRequest request = RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes a
                ? a.getRequest()
                : null;
        Object requestId = request == null ? null : request.getAttribute(RequestIdFilter.ATTRIBUTE);
        String role = who == null
                ? null
                : who.roles().contains(Role.SECURITY_OFFICER)
                        ? Role.SECURITY_OFFICER.name()
                        : who.roles().stream()
                                .map(Role::name)
                                .sorted()
                                .findFirst()
                                .orElse(null);
        return trail.record(AuditEvent.builder(action, outcome, PurposeOfUse.OPERATIONS)
                .reason(reason)
                .actor(who == null ? null : who.id().toString(), role)
                .session(who == null ? null : who.sessionRef(), who == null ? null : who.authMethod())
                .resource(resourceType, resourceId)
                .patient(patientId)
                .source(request == null ? null : request.getRemoteAddr(), null)
                .request(requestId instanceof String s ? s : MDC.get(RequestIdFilter.MDC_KEY))
                .build());
    }
}
