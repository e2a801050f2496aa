package health.securevisit.identity.internal;

import health.securevisit.audit.AuditEvent;
import health.securevisit.audit.AuditTrail;
import health.securevisit.audit.Outcome;
import health.securevisit.audit.PurposeOfUse;
import health.securevisit.identity.Role;
import health.securevisit.identity.WorkforcePrincipal;
import health.securevisit.platform.internal.RequestIdFilter;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Writes identity events to the audit trail with the request's source address and request id. An
 * event carries ids, codes and a random session reference only: never a password, code, token or
 * session id. Recording is synchronous; if the trail is down the request fails (fail closed).
 */
@Component
public class IdentityAudit {

    private final AuditTrail trail;

    IdentityAudit(AuditTrail trail) {
        this.trail = trail;
    }

    /** A new event of {@code action} (for example {@code auth.login}). */
    public AuditEvent.Builder event(String action, Outcome outcome, @Nullable String reason) {
        return AuditEvent.builder(action, outcome, PurposeOfUse.SYSTEM_ADMINISTRATION)
                .reason(reason);
    }

    /** An event by the signed-in (or half signed-in) {@code principal}. */
    public AuditEvent.Builder by(
            WorkforcePrincipal principal, String action, Outcome outcome, @Nullable String reason) {
        return event(action, outcome, reason)
                .actor(principal.id().toString(), roles(principal.roles()))
                .session(principal.sessionRef(), principal.authMethod());
    }

    /** An event about {@code user}, done by nobody signed in yet (a sign-in attempt). */
    public AuditEvent.Builder about(
            UUID userId, Set<Role> roles, String action, Outcome outcome, @Nullable String reason) {
        return event(action, outcome, reason).actor(userId.toString(), roles(roles));
    }

    public void record(AuditEvent.Builder event) {
        HttpServletRequest request = currentRequest();
        if (request != null) {
            event.source(request.getRemoteAddr(), null);
            if (request.getAttribute(RequestIdFilter.ATTRIBUTE) instanceof String id) {
                event.request(id);
            }
        }
        trail.record(event.build());
    }

    static String roles(Set<Role> roles) {
        return roles.stream().map(Role::name).sorted().collect(Collectors.joining(","));
    }

    private static @Nullable HttpServletRequest currentRequest() {
        return RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes
                ? attributes.getRequest()
                : null;
    }
}
