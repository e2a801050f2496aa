package health.securevisit.compliance.internal;

import health.securevisit.audit.AuditEvent;
import health.securevisit.audit.AuditTrail;
import health.securevisit.audit.Outcome;
import health.securevisit.audit.PurposeOfUse;
import health.securevisit.identity.CurrentWorkforceUser;
import health.securevisit.identity.WorkforcePrincipal;
import health.securevisit.platform.internal.RequestIdFilter;
import org.jspecify.annotations.Nullable;
import org.slf4j.MDC;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * The compliance module's audit records (identifiers and codes only). A failure to record propagates,
 * so the report is not handed out unrecorded.
 */
@Component
public class ComplianceAudit {

    private final AuditTrail trail;
    private final CurrentWorkforceUser current;

    ComplianceAudit(AuditTrail trail, CurrentWorkforceUser current) {
        this.trail = trail;
        this.current = current;
    }

    /** Records {@code action} by the signed-in user (in the role that allowed it), or by the command line. */
    public void record(String action, Outcome outcome, @Nullable String reason, @Nullable String resourceId) {
        WorkforcePrincipal who = current.current().orElse(null);
        String address = null;
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes servlet) {
            address = servlet.getRequest().getRemoteAddr();
        }
        trail.record(AuditEvent.builder(action, outcome, PurposeOfUse.COMPLIANCE)
                .reason(reason)
                .actor(who == null ? "cli" : who.id().toString(), who == null ? "OPERATOR" : role(who))
                .session(who == null ? null : who.sessionRef(), who == null ? null : who.authMethod())
                .resource("compliance-report", resourceId)
                .source(address, null)
                .request(MDC.get(RequestIdFilter.MDC_KEY))
                .build());
    }

    private static String role(WorkforcePrincipal who) {
        return who.roles().stream()
                .map(Enum::name)
                .filter(r -> r.equals("SECURITY_OFFICER") || r.equals("AUDITOR"))
                .sorted()
                .findFirst()
                .orElse("UNKNOWN");
    }
}
