package health.securevisit.identity;

import jakarta.servlet.http.HttpSession;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Workforce sessions used beyond their own requests: a long-lived channel opened by a signed-in request
 * (the visit room's WebSocket) keeps the {@link HttpSession} of its handshake and asks here, while it is
 * open, whether that session still stands.
 *
 * <p>Guarantees: a session that was ended (logout, an account disabled, a new sign-in replacing it), that
 * is idle or past its absolute limit on the application clock (the same rules as for requests), or whose
 * MFA is not satisfied, has no principal; roles are those of the account now.
 */
public interface WorkforceSessions {

    /** The principal of {@code session} while the session stands, else empty. */
    Optional<WorkforcePrincipal> live(HttpSession session);

    /** Counts activity on the long-lived channel as activity of the session (resets its idle time). */
    void touch(HttpSession session);

    /**
     * Runs {@code action} with the principal of {@code session} as the current workforce user (so that
     * {@link CurrentWorkforceUser} and the access decision point see it), if the session stands.
     */
    <T> Optional<T> as(HttpSession session, Supplier<T> action);
}
