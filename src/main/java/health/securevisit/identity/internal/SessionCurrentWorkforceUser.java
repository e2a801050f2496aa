package health.securevisit.identity.internal;

import health.securevisit.audit.Outcome;
import health.securevisit.identity.CurrentWorkforceUser;
import health.securevisit.identity.StepUpRequiredException;
import health.securevisit.identity.WorkforcePrincipal;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/** {@link CurrentWorkforceUser} from the request's security context. */
@Component
class SessionCurrentWorkforceUser implements CurrentWorkforceUser {

    private final Clock clock;
    private final SessionControl sessions;
    private final IdentityAudit audit;

    SessionCurrentWorkforceUser(Clock clock, SessionControl sessions, IdentityAudit audit) {
        this.clock = clock;
        this.sessions = sessions;
        this.audit = audit;
    }

    @Override
    public void actFromDevice(@Nullable String deviceId) {
        SessionControl.principal().ifPresent(principal -> {
            SecurityContext context = SecurityContextHolder.createEmptyContext();
            context.setAuthentication(new WorkforceAuthentication(principal.withDevice(deviceId)));
            SecurityContextHolder.setContext(context);
        });
    }

    @Override
    public void endSession(String reason) {
        Optional<WorkforcePrincipal> principal = SessionControl.principal();
        if (principal.isEmpty()
                || !(RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes)) {
            return;
        }
        audit.record(audit.by(principal.get(), "auth.session.end", Outcome.SUCCESS, reason));
        sessions.end(attributes.getRequest());
    }

    @Override
    public Optional<WorkforcePrincipal> current() {
        return SessionControl.principal().filter(WorkforcePrincipal::mfaSatisfied);
    }

    @Override
    public WorkforcePrincipal requireMfaWithin(Duration maxAge) {
        WorkforcePrincipal principal = current().orElseThrow(StepUpRequiredException::new);
        if (principal.mfaAt() == null
                || principal.mfaAt().isBefore(clock.instant().minus(maxAge))) {
            throw new StepUpRequiredException();
        }
        return principal;
    }
}
