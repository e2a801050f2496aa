package health.securevisit.records.internal;

import health.securevisit.access.AccessPolicy;
import health.securevisit.access.AccessRequest;
import health.securevisit.access.DataClass;
import health.securevisit.access.Intent;
import health.securevisit.access.PatientId;
import health.securevisit.access.VisitId;
import health.securevisit.identity.CurrentWorkforceUser;
import health.securevisit.identity.WorkforcePrincipal;
import health.securevisit.records.ArtifactInfo;
import health.securevisit.records.RecordsException;
import health.securevisit.visit.VisitLookup;
import health.securevisit.visit.VisitRecordFacts;
import java.util.Optional;
import java.util.UUID;
import org.springframework.security.authentication.AuthenticationCredentialsNotFoundException;
import org.springframework.stereotype.Component;

/**
 * Asks the access decision point (data class {@code VISIT_RECORDS}) before any record of a visit is
 * listed, read or written. The decision is audited by the decision point with the resource: an
 * artifact's id for artifact requests, the visit's id otherwise. An unknown visit or artifact is
 * decided at role level first, so roles without PHI access never learn whether it exists.
 */
@Component
class RecordsAccess {

    private final VisitLookup visits;
    private final ArtifactRows artifacts;
    private final AccessPolicy policy;
    private final CurrentWorkforceUser current;

    RecordsAccess(VisitLookup visits, ArtifactRows artifacts, AccessPolicy policy, CurrentWorkforceUser current) {
        this.visits = visits;
        this.artifacts = artifacts;
        this.policy = policy;
        this.current = current;
    }

    /** The visit, once {@code action} on its records was allowed. */
    VisitRecordFacts visit(UUID visitId, String action, Intent intent, String resourceType) {
        return visit(visitId, action, DataClass.VISIT_RECORDS, intent, resourceType);
    }

    /** As {@link #visit(UUID, String, Intent, String)} with another data class (assigning forms is scheduling). */
    VisitRecordFacts visit(UUID visitId, String action, DataClass dataClass, Intent intent, String resourceType) {
        Optional<VisitRecordFacts> visit = visits.find(visitId);
        if (visit.isEmpty()) {
            policy.authorize(AccessRequest.collection(action, dataClass, resourceType, visitId.toString()));
            throw RecordsException.visitNotFound();
        }
        policy.authorize(AccessRequest.visit(
                action, dataClass, intent, resourceType, visit.get().facts()));
        return visit.get();
    }

    /** The visit without a decision: for what the server stores by itself (nothing is disclosed). */
    Optional<VisitRecordFacts> find(UUID visitId) {
        return visits.find(visitId);
    }

    /** The artifact, once {@code action} on it was allowed (audited with the artifact's id). */
    Authorized artifact(String artifactId, String action, Intent intent) {
        Optional<ArtifactInfo> found = valid(artifactId) ? artifacts.find(artifactId) : Optional.empty();
        Optional<VisitRecordFacts> visit = found.flatMap(a -> visits.find(a.visitId()));
        if (found.isEmpty() || visit.isEmpty()) {
            // Decided at role level (scheduling class): roles without PHI access are denied before existence shows.
            policy.authorize(AccessRequest.collection(action, DataClass.SCHEDULING, "artifact", null));
            throw RecordsException.artifactNotFound();
        }
        ArtifactInfo a = found.get();
        policy.authorize(new AccessRequest(
                action,
                DataClass.VISIT_RECORDS,
                intent,
                "artifact",
                a.id(),
                PatientId.of(a.patientId()),
                VisitId.of(a.visitId()),
                visit.get().facts()));
        return new Authorized(a, visit.get());
    }

    /** Decides (and audits) one artifact of a list without throwing. */
    boolean listed(ArtifactInfo a, VisitRecordFacts visit, String action) {
        return policy.decide(new AccessRequest(
                        action,
                        DataClass.VISIT_RECORDS,
                        Intent.READ,
                        "artifact",
                        a.id(),
                        PatientId.of(a.patientId()),
                        VisitId.of(a.visitId()),
                        visit.facts()))
                .allowed();
    }

    WorkforcePrincipal principal() {
        return current.current().orElseThrow(() -> new AuthenticationCredentialsNotFoundException("no MFA session"));
    }

    /** Artifact ids are UUIDs; anything else is unknown (and never reaches the database or the vault). */
    static boolean valid(String artifactId) {
        try {
            return UUID.fromString(artifactId).toString().equals(artifactId);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    record Authorized(ArtifactInfo artifact, VisitRecordFacts visit) {}
}
