package health.securevisit.identity;

import java.time.Duration;
import java.util.Optional;

/**
 * The workforce user of the current request, for other modules. Only sessions that completed MFA
 * are returned: a session with a password alone is nobody here.
 */
public interface CurrentWorkforceUser {

    /** The signed-in principal whose session satisfied MFA, if any. */
    Optional<WorkforcePrincipal> current();

    /**
     * Demands that the current session completed MFA (sign-in or step-up) within {@code maxAge}.
     *
     * @return the principal
     * @throws StepUpRequiredException (403, code {@code step-up-required}) otherwise
     */
    WorkforcePrincipal requireMfaWithin(Duration maxAge);
}
