package health.securevisit.identity.internal;

import health.securevisit.audit.Outcome;
import jakarta.servlet.http.HttpSessionEvent;
import jakarta.servlet.http.HttpSessionListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.stereotype.Component;

/**
 * Audits workforce sessions that the servlet container expired for inactivity (its own idle
 * timeout, checked in the background), so that every timeout leaves a record, not only those
 * noticed on the next request. Sessions this server ended itself are audited where they end.
 */
@Component
class SessionExpiryListener implements HttpSessionListener {

    private static final Logger log = LoggerFactory.getLogger(SessionExpiryListener.class);

    private final IdentityAudit audit;

    SessionExpiryListener(IdentityAudit audit) {
        this.audit = audit;
    }

    @Override
    public void sessionDestroyed(HttpSessionEvent event) {
        var session = event.getSession();
        long idleMillis = System.currentTimeMillis() - session.getLastAccessedTime();
        if (session.getAttribute(SessionControl.ENDED) != null
                || idleMillis < session.getMaxInactiveInterval() * 1000L) {
            return; // ended on purpose, or the server is stopping: not an idle timeout
        }
        Object context = session.getAttribute(HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY);
        if (context instanceof SecurityContext c && c.getAuthentication() instanceof WorkforceAuthentication a) {
            try {
                audit.record(audit.by(a.getPrincipal(), "auth.session.timeout", Outcome.SUCCESS, "idle"));
            } catch (RuntimeException e) {
                log.error("could not audit the idle timeout of a session", e);
            }
        }
    }
}
