package health.securevisit.audit.web;

import health.securevisit.audit.internal.Requester;
import health.securevisit.platform.internal.RequestIdFilter;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;
import org.slf4j.MDC;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;

/** The requester of an audited API call: principal name, acting role, client address, request id. */
final class Requesters {

    private Requesters() {}

    static Requester of(Authentication auth, HttpServletRequest request) {
        String role = auth.getAuthorities().stream()
                .map(GrantedAuthority::getAuthority)
                .filter(a -> a != null && a.startsWith("ROLE_"))
                .map(a -> a.substring(5))
                .filter(r -> r.equals("SECURITY_OFFICER") || r.equals("AUDITOR"))
                .findFirst()
                .orElse(null);
        return new Requester(auth.getName(), role, request.getRemoteAddr(), requestId(request));
    }

    /** The request id that the platform gave this request (also on its log lines). */
    static @Nullable String requestId(HttpServletRequest request) {
        Object id = request.getAttribute(RequestIdFilter.ATTRIBUTE);
        return id instanceof String s ? s : MDC.get(RequestIdFilter.MDC_KEY);
    }
}
