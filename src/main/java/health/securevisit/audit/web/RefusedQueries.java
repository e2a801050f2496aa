package health.securevisit.audit.web;

import health.securevisit.audit.AuditEvent;
import health.securevisit.audit.AuditTrail;
import health.securevisit.audit.AuditUnavailableException;
import health.securevisit.audit.Outcome;
import health.securevisit.audit.PurposeOfUse;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.HandlerMethod;

/**
 * Only security officers and auditors may query the trail, and every query is audited, including
 * the ones that method security refuses: a signed-in caller without one of those roles (a clinician
 * calling {@code GET /api/v1/audit/events}, say) leaves an {@code audit.query} entry with outcome
 * DENIED and reason {@code role-not-permitted}, naming the endpoint it tried. The refusal itself is
 * then answered as before (403 problem+json, by Spring Security). If the trail cannot take the
 * record, the request is refused all the same. Anonymous callers are not audited here (they get
 * 401 before reaching a controller, or here without a principal to name).
 */
@RestControllerAdvice(
        assignableTypes = {AuditController.class, AuditConsoleController.class, RetentionController.class})
@Order(Ordered.HIGHEST_PRECEDENCE)
class RefusedQueries {

    static final String ACTION = "audit.query";
    static final String REASON = "role-not-permitted";

    private static final Logger log = LoggerFactory.getLogger(RefusedQueries.class);

    private final AuditTrail trail;

    RefusedQueries(AuditTrail trail) {
        this.trail = trail;
    }

    @ExceptionHandler(AccessDeniedException.class)
    void refused(AccessDeniedException e, HandlerMethod handler, HttpServletRequest request) {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth != null && auth.isAuthenticated() && !(auth instanceof AnonymousAuthenticationToken)) {
            try {
                trail.record(AuditEvent.builder(ACTION, Outcome.DENIED, PurposeOfUse.COMPLIANCE)
                        .reason(REASON)
                        .actor(auth.getName(), firstRole(auth))
                        .resource("audit-trail", handler.getMethod().getName())
                        .source(request.getRemoteAddr(), null)
                        .request(Requesters.requestId(request))
                        .build());
            } catch (AuditUnavailableException | IllegalArgumentException failure) {
                log.error(
                        "a refused audit query could not be recorded ({})",
                        failure.getClass().getSimpleName());
            }
        }
        throw e; // Spring Security's access-denied handler answers (403 problem+json)
    }

    private static @Nullable String firstRole(Authentication auth) {
        return auth.getAuthorities().stream()
                .map(GrantedAuthority::getAuthority)
                .filter(a -> a != null && a.startsWith("ROLE_"))
                .map(a -> a.substring(5))
                .sorted()
                .findFirst()
                .orElse(null);
    }
}
