package health.securevisit.visit;

import health.securevisit.identity.WorkforcePrincipal;
import java.util.Optional;
import java.util.UUID;

/**
 * The visit lifecycle steps that the live visit (the room module) drives. The caller has asked the
 * access decision point first (these methods decide nothing); each step is audited here, in the
 * visit module, and announced with {@link VisitStatusChanged}.
 */
public interface VisitLifecycle {

    /** The visit, if it exists (no access decision: scheduling facts, no PHI). */
    Optional<VisitSnapshot> find(UUID visitId);

    /**
     * The call starts: IDENTITY_VERIFIED moves to IN_PROGRESS (a visit already IN_PROGRESS stays), audited
     * as {@code visit.call-start}.
     *
     * @throws health.securevisit.platform.SecureVisitException {@code identity-not-verified} before the
     *     identity step, {@code invalid-transition} in any other state, {@code visit-not-found}
     */
    VisitSnapshot startCall(UUID visitId, WorkforcePrincipal by);

    /**
     * The visit ends: IN_PROGRESS moves to ENDED (an ENDED visit stays), audited as {@code visit.end}.
     *
     * @throws health.securevisit.platform.SecureVisitException {@code invalid-transition} in any other
     *     state, {@code visit-not-found}
     */
    VisitSnapshot end(UUID visitId, WorkforcePrincipal by);
}
