package health.securevisit.device.internal;

import health.securevisit.audit.AuditEvent;
import health.securevisit.audit.AuditTrail;
import health.securevisit.audit.Outcome;
import health.securevisit.audit.PurposeOfUse;
import health.securevisit.identity.Role;
import health.securevisit.identity.WorkforcePrincipal;
import health.securevisit.platform.internal.RequestIdFilter;
import java.util.Comparator;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.MDC;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * The device module's audit records (ids and codes only): who (a principal, or an integration for
 * machine reports), which device, the outcome and a reason code. Synchronous: if the trail is down
 * the request fails.
 */
@Component
public class DeviceAudit {

    private final AuditTrail trail;

    DeviceAudit(AuditTrail trail) {
        this.trail = trail;
    }

    public void record(
            @Nullable WorkforcePrincipal by,
            String action,
            Outcome outcome,
            @Nullable String reason,
            @Nullable UUID deviceId) {
        record(by, action, outcome, reason, "device", deviceId);
    }

    /** A record about another kind of resource of the module (for example a posture exception). */
    public void record(
            @Nullable WorkforcePrincipal by,
            String action,
            Outcome outcome,
            @Nullable String reason,
            String resourceType,
            @Nullable UUID resourceId) {
        AuditEvent.Builder event = AuditEvent.builder(action, outcome, PurposeOfUse.SYSTEM_ADMINISTRATION)
                .reason(reason)
                .resource(resourceType, resourceId == null ? null : resourceId.toString());
        if (by != null) {
            Role role = by.roles().stream().min(Comparator.naturalOrder()).orElse(null);
            event.actor(by.id().toString(), role == null ? null : role.name())
                    .session(by.sessionRef(), by.authMethod());
        }
        String address = null;
        String requestId = MDC.get(RequestIdFilter.MDC_KEY);
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes servlet) {
            address = servlet.getRequest().getRemoteAddr();
            if (servlet.getRequest().getAttribute(RequestIdFilter.ATTRIBUTE) instanceof String id) {
                requestId = id;
            }
        }
        event.source(address, by == null ? null : by.deviceId()).request(requestId);
        trail.record(event.build());
    }
}
