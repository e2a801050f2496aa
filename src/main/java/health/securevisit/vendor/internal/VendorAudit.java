package health.securevisit.vendor.internal;

import health.securevisit.audit.AuditEvent;
import health.securevisit.audit.AuditTrail;
import health.securevisit.audit.Outcome;
import health.securevisit.audit.PurposeOfUse;
import health.securevisit.identity.WorkforcePrincipal;
import health.securevisit.platform.internal.RequestIdFilter;
import org.jspecify.annotations.Nullable;
import org.slf4j.MDC;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/** The vendor register's audit records: identifiers and codes only; a failure to record propagates. */
@Component
class VendorAudit {

    static final String ROLE = "SECURITY_OFFICER";

    private final AuditTrail trail;

    VendorAudit(AuditTrail trail) {
        this.trail = trail;
    }

    void record(
            String action,
            Outcome outcome,
            String reason,
            @Nullable WorkforcePrincipal who,
            String resourceType,
            @Nullable String resourceId) {
        String address = null;
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes servlet) {
            address = servlet.getRequest().getRemoteAddr();
        }
        trail.record(AuditEvent.builder(action, outcome, PurposeOfUse.OPERATIONS)
                .reason(reason)
                .actor(who == null ? null : who.id().toString(), who == null ? null : ROLE)
                .session(who == null ? null : who.sessionRef(), who == null ? null : who.authMethod())
                .resource(resourceType, resourceId)
                .source(address, null)
                .request(MDC.get(RequestIdFilter.MDC_KEY))
                .build());
    }
}
