package health.securevisit.identity.internal;

import health.securevisit.identity.WorkforcePrincipal;
import health.securevisit.identity.WorkforceSessions;
import jakarta.servlet.http.HttpSession;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.stereotype.Component;

/** {@link WorkforceSessions} on the container's sessions, with the rules of {@link WorkforceSessionFilter}. */
@Component
class SessionLiveness implements WorkforceSessions {

    private final IdentitySettings.Session settings;
    private final SessionAccounts accounts;
    private final Clock clock;

    SessionLiveness(IdentitySettings settings, SessionAccounts accounts, Clock clock) {
        this.settings = settings.session();
        this.accounts = accounts;
        this.clock = clock;
    }

    @Override
    public Optional<WorkforcePrincipal> live(HttpSession session) {
        try {
            if (session.getAttribute(SessionControl.ENDED) != null
                    || !(session.getAttribute(HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY)
                                    instanceof SecurityContext context
                            && context.getAuthentication() instanceof WorkforceAuthentication authentication)) {
                return Optional.empty();
            }
            WorkforcePrincipal principal = authentication.getPrincipal();
            Instant now = clock.instant();
            Instant lastSeen = session.getAttribute(WorkforceSessionFilter.LAST_SEEN) instanceof Instant seen
                    ? seen
                    : Instant.ofEpochMilli(session.getLastAccessedTime());
            if (!principal.mfaSatisfied()
                    || Duration.between(lastSeen, now).compareTo(settings.idleTimeout()) > 0
                    || Duration.between(principal.signedInAt(), now).compareTo(settings.absoluteTimeout()) > 0) {
                return Optional.empty();
            }
            return accounts.of(principal.id())
                    .filter(SessionAccounts.Account::enabled)
                    .map(account -> principal.withRoles(account.roles()));
        } catch (IllegalStateException invalidated) {
            return Optional.empty();
        }
    }

    @Override
    public void touch(HttpSession session) {
        try {
            session.setAttribute(WorkforceSessionFilter.LAST_SEEN, clock.instant());
        } catch (IllegalStateException invalidated) {
            // ended meanwhile: live() says so
        }
    }

    @Override
    public <T> Optional<T> as(HttpSession session, Supplier<T> action) {
        Optional<WorkforcePrincipal> principal = live(session);
        if (principal.isEmpty()) {
            return Optional.empty();
        }
        SecurityContext previous = SecurityContextHolder.getContext();
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(new WorkforceAuthentication(principal.get()));
        SecurityContextHolder.setContext(context);
        try {
            return Optional.ofNullable(action.get());
        } finally {
            SecurityContextHolder.setContext(previous);
        }
    }
}
