package health.securevisit.hub.internal;

import health.securevisit.audit.AuditEvent;
import health.securevisit.audit.AuditTrail;
import health.securevisit.audit.Outcome;
import health.securevisit.audit.PurposeOfUse;
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
 * Audit records of the hub side: ids and codes only (never a reading's value). Hubs act as {@code
 * hub:<id>} with role {@code HUB} and method {@code mtls}; the security officer as themself.
 */
@Component
public class HubAudit {

    static final String HUB_ROLE = "HUB";

    private final AuditTrail trail;

    HubAudit(AuditTrail trail) {
        this.trail = trail;
    }

    void byHub(
            String action,
            Outcome outcome,
            @Nullable String reason,
            UUID hubId,
            @Nullable UUID patientId,
            @Nullable String serial) {
        trail.record(event(action, outcome, reason, hubId, patientId)
                .actor("hub:" + hubId, HUB_ROLE)
                .session(serial == null ? null : "cert:" + serial, "mtls")
                .build());
    }

    void anonymous(String action, Outcome outcome, String reason, @Nullable UUID hubId) {
        trail.record(event(action, outcome, reason, hubId, null).build());
    }

    void byWorkforce(
            WorkforcePrincipal who,
            String role,
            String action,
            Outcome outcome,
            @Nullable String reason,
            @Nullable UUID hubId,
            @Nullable UUID patientId) {
        trail.record(event(action, outcome, reason, hubId, patientId)
                .actor(who.id().toString(), role)
                .session(who.sessionRef(), who.authMethod())
                .build());
    }

    private static AuditEvent.Builder event(
            String action, Outcome outcome, @Nullable String reason, @Nullable UUID hubId, @Nullable UUID patientId) {
        HttpServletRequest request =
                RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes
                        ? attributes.getRequest()
                        : null;
        Object requestId = request == null ? null : request.getAttribute(RequestIdFilter.ATTRIBUTE);
        return AuditEvent.builder(action, outcome, PurposeOfUse.TREATMENT)
                .reason(reason)
                .resource("hub", hubId == null ? null : hubId.toString())
                .patient(patientId == null ? null : patientId.toString())
                .source(request == null ? null : request.getRemoteAddr(), hubId == null ? null : hubId.toString())
                .request(requestId instanceof String s ? s : MDC.get(RequestIdFilter.MDC_KEY));
    }
}
