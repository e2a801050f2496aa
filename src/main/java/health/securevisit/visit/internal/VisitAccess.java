package health.securevisit.visit.internal;

import health.securevisit.access.AccessPolicy;
import health.securevisit.access.AccessRequest;
import health.securevisit.access.DataClass;
import health.securevisit.access.Intent;
import health.securevisit.identity.CurrentWorkforceUser;
import health.securevisit.identity.WorkforcePrincipal;
import java.util.Optional;
import java.util.UUID;
import org.springframework.security.authentication.AuthenticationCredentialsNotFoundException;
import org.springframework.stereotype.Component;

/**
 * Asks the access decision point before a visit's data is touched, with the facts of the visit as
 * just read (so the decision point does not read them again). An unknown visit is decided at role
 * level first (so roles without PHI access are denied before existence shows), then 404.
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

    /** The visit, once the policy allowed reading it with {@code action}. */
    Visit authorize(UUID visitId, String action, DataClass dataClass, String resourceType) {
        return authorize(visitId, visits.find(visitId), action, dataClass, Intent.READ, resourceType);
    }

    /** The visit, once the policy allowed {@code intent} on it with {@code action}. */
    Visit authorize(UUID visitId, String action, DataClass dataClass, Intent intent, String resourceType) {
        return authorize(visitId, visits.find(visitId), action, dataClass, intent, resourceType);
    }

    /** As {@link #authorize(UUID, String, DataClass, String)}, with the visit already read (or absent). */
    Visit authorize(
            UUID visitId,
            Optional<Visit> visit,
            String action,
            DataClass dataClass,
            Intent intent,
            String resourceType) {
        if (visit.isEmpty()) {
            policy.authorize(AccessRequest.collection(action, dataClass, resourceType, visitId.toString()));
            throw VisitException.notFound();
        }
        policy.authorize(AccessRequest.visit(
                action, dataClass, intent, resourceType, visit.get().facts()));
        return visit.get();
    }

    /** Scheduling {@code proposed}: decided (and audited) with the id the visit will have. */
    void authorizeCreation(Visit proposed) {
        policy.authorize(AccessRequest.visit(
                VisitScheduling.CREATE, DataClass.SCHEDULING, Intent.CREATE, "visit", proposed.facts()));
    }

    /** The policy's decision about {@code visit} without throwing (for filtering lists; still audited). */
    boolean allowed(Visit visit, String action, DataClass dataClass) {
        return policy.decide(AccessRequest.visit(action, dataClass, Intent.READ, "visit", visit.facts()))
                .allowed();
    }

    void authorizeCollection(String action, DataClass dataClass, String resourceType) {
        policy.authorize(AccessRequest.collection(action, dataClass, resourceType, null));
    }

    /** The signed-in principal (the decision point has already refused requests without one). */
    WorkforcePrincipal principal() {
        return current.current().orElseThrow(() -> new AuthenticationCredentialsNotFoundException("no MFA session"));
    }
}
