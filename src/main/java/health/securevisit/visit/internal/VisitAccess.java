package health.securevisit.visit.internal;

import health.securevisit.access.AccessPolicy;
import health.securevisit.access.AccessRequest;
import health.securevisit.access.DataClass;
import health.securevisit.identity.CurrentWorkforceUser;
import health.securevisit.identity.WorkforcePrincipal;
import java.util.Optional;
import java.util.UUID;
import org.springframework.security.authentication.AuthenticationCredentialsNotFoundException;
import org.springframework.stereotype.Component;

/**
 * Asks the access decision point before a visit's data is touched. An unknown visit is decided at
 * role level first (so roles without PHI access are denied before existence shows), then 404.
 */
@Component
class VisitAccess {

    private final Visits visits;
    private final AccessPolicy policy;
    private final CurrentWorkforceUser current;

    VisitAccess(Visits visits, AccessPolicy policy, CurrentWorkforceUser current) {
        this.visits = visits;
        this.policy = policy;
        this.current = current;
    }

    /** The visit, once the policy allowed {@code action} on it. */
    Visit authorize(UUID visitId, String action, DataClass dataClass, String resourceType) {
        return authorize(visitId, visits.find(visitId), action, dataClass, resourceType);
    }

    /** As {@link #authorize(UUID, String, DataClass, String)}, with the visit already read (or absent). */
    Visit authorize(UUID visitId, Optional<Visit> visit, String action, DataClass dataClass, String resourceType) {
        if (visit.isEmpty()) {
            policy.authorize(new AccessRequest(action, dataClass, resourceType, visitId.toString(), null, null));
            throw VisitException.notFound();
        }
        RequestVisitFacts.remember(visit.get());
        policy.authorize(new AccessRequest(
                action, dataClass, resourceType, visitId.toString(), visit.get().patientId(), visitId));
        return visit.get();
    }

    /** The policy's decision about {@code visit} without throwing (for filtering lists; still audited). */
    boolean allowed(Visit visit, String action, DataClass dataClass) {
        RequestVisitFacts.remember(visit);
        return policy.decide(new AccessRequest(
                        action, dataClass, "visit", visit.id().toString(), visit.patientId(), visit.id()))
                .allowed();
    }

    void authorizeCollection(String action, DataClass dataClass, String resourceType, UUID patientId) {
        policy.authorize(new AccessRequest(action, dataClass, resourceType, null, patientId, null));
    }

    void authorizeCollection(String action, DataClass dataClass, String resourceType) {
        policy.authorize(new AccessRequest(action, dataClass, resourceType, null, null, null));
    }

    /** The signed-in principal (the decision point has already refused requests without one). */
    WorkforcePrincipal principal() {
        return current.current().orElseThrow(() -> new AuthenticationCredentialsNotFoundException("no MFA session"));
    }
}
