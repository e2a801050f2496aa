package health.securevisit.identity;

import java.time.Duration;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

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

    /**
     * Records, for the rest of this request only, the bound device the request proved it comes from
     * (the device module's filter calls it on every request of a signed-in session). Nothing is
     * stored in the session: the next request proves its device again.
     */
    void actFromDevice(@Nullable String deviceId);

    /**
     * Ends the current session on the server at once (audited as {@code auth.session.end} with
     * {@code reason}); the rest of the request has no principal. Nothing happens without a session.
     */
    void endSession(String reason);
}
