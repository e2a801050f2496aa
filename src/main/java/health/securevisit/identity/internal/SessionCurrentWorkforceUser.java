package health.securevisit.identity.internal;

import health.securevisit.identity.CurrentWorkforceUser;
import health.securevisit.identity.StepUpRequiredException;
import health.securevisit.identity.WorkforcePrincipal;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** {@link CurrentWorkforceUser} from the request's security context. */
@Component
class SessionCurrentWorkforceUser implements CurrentWorkforceUser {

    private final Clock clock;

    SessionCurrentWorkforceUser(Clock clock) {
        this.clock = clock;
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
