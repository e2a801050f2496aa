package health.securevisit.identity.internal;

import health.securevisit.identity.WorkforcePrincipal;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.util.Optional;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.csrf.CsrfTokenRepository;
import org.springframework.stereotype.Component;

/**
 * Starts, upgrades and ends workforce sessions. The session id changes at every sign-in step and
 * step-up (against fixation) and so does the CSRF token; ending a session invalidates it on the
 * server.
 */
@Component
public class SessionControl {

    /** Set on a session that this server ended on purpose (logout, timeout check, disable). */
    static final String ENDED = SessionControl.class.getName() + ".ended";

    private final HttpSessionSecurityContextRepository contexts = new HttpSessionSecurityContextRepository();
    private final CsrfTokenRepository csrf;

    SessionControl(CsrfTokenRepository csrf) {
        this.csrf = csrf;
    }

    public static Optional<WorkforcePrincipal> principal() {
        return SecurityContextHolder.getContext().getAuthentication() instanceof WorkforceAuthentication a
                ? Optional.of(a.getPrincipal())
                : Optional.empty();
    }

    /** Stores {@code principal} as this request's session under a new session id. */
    public void establish(WorkforcePrincipal principal, HttpServletRequest request, HttpServletResponse response) {
        principal = principal.withDevice(null); // proved per request, never stored
        HttpSession existing = request.getSession(false);
        if (existing == null) {
            request.getSession(true);
        } else {
            request.changeSessionId();
        }
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(new WorkforceAuthentication(principal));
        SecurityContextHolder.setContext(context);
        contexts.saveContext(context, request, response);
        csrf.saveToken(csrf.generateToken(request), request, response);
    }

    /** Replaces the principal of the session without changing its id (a role refresh). */
    public void refresh(WorkforcePrincipal principal, HttpServletRequest request, HttpServletResponse response) {
        principal = principal.withDevice(null); // proved per request, never stored
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(new WorkforceAuthentication(principal));
        SecurityContextHolder.setContext(context);
        contexts.saveContext(context, request, response);
    }

    /** Ends the session on the server and forgets the principal for the rest of the request. */
    public void end(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        if (session != null) {
            try {
                session.setAttribute(ENDED, Boolean.TRUE);
                session.invalidate();
            } catch (IllegalStateException alreadyInvalid) {
                // nothing left to end
            }
        }
        SecurityContextHolder.clearContext();
    }
}
