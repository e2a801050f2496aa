package health.securevisit.room.internal;

import health.securevisit.access.AccessDecision;
import health.securevisit.access.AccessPolicy;
import health.securevisit.access.AccessRequest;
import health.securevisit.access.DataClass;
import health.securevisit.access.Intent;
import health.securevisit.audit.Outcome;
import health.securevisit.identity.CurrentWorkforceUser;
import health.securevisit.identity.WorkforcePrincipal;
import health.securevisit.visit.VisitLifecycle;
import health.securevisit.visit.VisitSnapshot;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;

/**
 * Who may enter a visit's room, for the WebSocket handshake and the room's HTTP endpoints: the visit's
 * clinician (a workforce session with MFA and an ALLOW of the access decision point for the live visit:
 * care team, window, fresh MFA) or its patient (a valid {@code __Host-SVROOM} credential of this very
 * visit). Nobody else. Every refusal and every patient entry is audited; the decision point audits the
 * clinician's decisions itself.
 */
@Service
public class RoomEntry {

    /** An entry: who, into which visit. */
    public record Entry(Participant participant, VisitSnapshot visit) {}

    private final CurrentWorkforceUser currentUser;
    private final AccessPolicy policy;
    private final VisitLifecycle visits;
    private final RoomCredentials credentials;
    private final RoomAudit audit;

    RoomEntry(
            CurrentWorkforceUser currentUser,
            AccessPolicy policy,
            VisitLifecycle visits,
            RoomCredentials credentials,
            RoomAudit audit) {
        this.currentUser = currentUser;
        this.policy = policy;
        this.visits = visits;
        this.credentials = credentials;
        this.audit = audit;
    }

    /**
     * The participant of this request for {@code visitId}, after the decision, or empty (audited). A
     * workforce session is decided by the access point with {@code action}; otherwise the room
     * credential cookie is checked.
     */
    public Optional<Entry> enter(HttpServletRequest request, UUID visitId, String action) {
        return enter(request, visitId, action, false);
    }

    /**
     * As {@link #enter(HttpServletRequest, UUID, String)}, for an HTTP endpoint: a workforce caller the
     * decision point denies gets its problem answer (403 {@code access-denied}, {@code step-up-required}
     * ...) as on every other PHI endpoint.
     *
     * @throws health.securevisit.access.AccessDeniedByPolicyException for a denied workforce caller
     */
    public Optional<Entry> enterOrThrow(HttpServletRequest request, UUID visitId, String action) {
        return enter(request, visitId, action, true);
    }

    private Optional<Entry> enter(HttpServletRequest request, UUID visitId, String action, boolean problem) {
        Optional<WorkforcePrincipal> principal = currentUser.current();
        Optional<VisitSnapshot> visit = visits.find(visitId);
        if (principal.isPresent()) {
            return clinician(request, visitId, visit, principal.get(), action, problem);
        }
        String token = cookie(request);
        Optional<RoomCredentials.Credential> credential = credentials.validate(token, visitId);
        if (credential.isEmpty() || visit.isEmpty()) {
            audit.refused(
                    action, token == null ? "no-credential" : "credential-invalid", visitId, request.getRemoteAddr());
            return Optional.empty();
        }
        Participant patient = Participant.patient(
                visitId, credential.get().participantId(), credential.get().id());
        return Optional.of(new Entry(patient, visit.get()));
    }

    private Optional<Entry> clinician(
            HttpServletRequest servlet,
            UUID visitId,
            Optional<VisitSnapshot> visit,
            WorkforcePrincipal principal,
            String action,
            boolean problem) {
        if (visit.isEmpty()) {
            // Decided at role level (roles without access learn nothing of the visit's existence), then refused.
            AccessRequest unknown = AccessRequest.collection(action, DataClass.LIVE_VISIT, "room", visitId.toString());
            if (problem) {
                policy.authorize(unknown);
            } else {
                policy.decide(unknown);
            }
            return Optional.empty();
        }
        AccessRequest asked = AccessRequest.visit(
                action, DataClass.LIVE_VISIT, Intent.READ, "room", visit.get().facts());
        AccessDecision decision = problem ? policy.authorize(asked) : policy.decide(asked);
        HttpSession session = servlet.getSession(false);
        if (!decision.allowed() || session == null) {
            return Optional.empty();
        }
        if (!visit.get().live()) {
            audit.record(
                    action,
                    Outcome.DENIED,
                    "visit-not-live",
                    Participant.clinician(visitId, principal, session),
                    visit.get().patientId(),
                    servlet.getRemoteAddr());
            return Optional.empty();
        }
        return Optional.of(new Entry(Participant.clinician(visitId, principal, session), visit.get()));
    }

    static @Nullable String cookie(HttpServletRequest request) {
        Cookie[] cookies = request.getCookies();
        if (cookies == null) {
            return null;
        }
        for (Cookie c : cookies) {
            if (RoomCredentials.COOKIE.equals(c.getName())) {
                return c.getValue();
            }
        }
        return null;
    }
}
