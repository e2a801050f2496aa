package health.securevisit.workforce.internal;

import health.securevisit.audit.AuditEvent;
import health.securevisit.audit.AuditTrail;
import health.securevisit.audit.Outcome;
import health.securevisit.audit.PurposeOfUse;
import health.securevisit.identity.Role;
import health.securevisit.identity.WorkforcePrincipal;
import health.securevisit.platform.internal.RequestIdFilter;
import java.util.Comparator;
import org.jspecify.annotations.Nullable;
import org.slf4j.MDC;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * The workforce program's audit records (account, course, policy, review ids and codes only).
 * Synchronous: if the trail is down the request fails.
 */
@Component
public class WorkforceAudit {

    private final AuditTrail trail;

    WorkforceAudit(AuditTrail trail) {
        this.trail = trail;
    }

    /** Records {@code action} by {@code by} (or by the system when null) on one resource. */
    public void record(
            @Nullable WorkforcePrincipal by,
            String action,
            Outcome outcome,
            @Nullable String reason,
            String resourceType,
            @Nullable Object resourceId) {
        AuditEvent.Builder event = AuditEvent.builder(action, outcome, PurposeOfUse.OPERATIONS)
                .reason(reason)
                .resource(resourceType, resourceId == null ? null : resourceId.toString());
        String address = null;
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes servlet) {
            address = servlet.getRequest().getRemoteAddr();
        }
        if (by != null) {
            Role role = by.roles().stream().min(Comparator.naturalOrder()).orElse(null);
            event.actor(by.id().toString(), role == null ? null : role.name())
                    .session(by.sessionRef(), by.authMethod());
        } else {
            event.actor(null, "system");
        }
        trail.record(event.source(address, by == null ? null : by.deviceId())
                .request(MDC.get(RequestIdFilter.MDC_KEY))
                .build());
    }
}
