package health.securevisit.visit.testing;

import health.securevisit.access.AccessDecision;
import health.securevisit.access.AccessDeniedByPolicyException;
import health.securevisit.access.AccessPolicy;
import health.securevisit.access.AccessRequest;
import health.securevisit.access.CareRelationships;
import health.securevisit.access.DataClass;
import health.securevisit.access.VisitFacts;
import health.securevisit.audit.AuditEvent;
import health.securevisit.audit.AuditRecord;
import health.securevisit.audit.AuditTrail;
import health.securevisit.audit.Outcome;
import health.securevisit.audit.PurposeOfUse;
import health.securevisit.identity.CurrentWorkforceUser;
import health.securevisit.identity.Role;
import health.securevisit.identity.WorkforcePrincipal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * TEST ONLY, TEMPORARY: the lead's policy rules (without break-glass, device posture and training,
 * whose defaults allow) so the visit module can be tested before the access module is merged. Delete
 * it when the real implementation is on the branch.
 */
@Component
public class TemporaryAccessPolicy implements AccessPolicy {

    static final Duration BEFORE = Duration.ofMinutes(15);
    static final Duration AFTER = Duration.ofHours(24);
    static final Duration CLINICAL_MFA = Duration.ofMinutes(15);

    private record Rule(
            boolean allowed, String code, @Nullable Role role) {}

    private final CurrentWorkforceUser current;
    private final CareRelationships care;
    private final AuditTrail trail;

    public TemporaryAccessPolicy(CurrentWorkforceUser current, CareRelationships care, AuditTrail trail) {
        this.current = current;
        this.care = care;
        this.trail = trail;
    }

    @Override
    public AccessDecision authorize(AccessRequest request) {
        AccessDecision decision = decide(request);
        if (!decision.allowed()) {
            String code = decision.rule().equals("identity-not-verified")
                            || decision.rule().equals("step-up-required")
                    ? decision.rule()
                    : "access-denied";
            throw new AccessDeniedByPolicyException(code, decision.rule(), "You are not allowed to see this.");
        }
        return decision;
    }

    @Override
    public AccessDecision decide(AccessRequest request) {
        Optional<WorkforcePrincipal> principal = current.current();
        Rule rule = principal.isEmpty() ? new Rule(false, "no-mfa-session", null) : rule(principal.get(), request);
        AuditEvent.Builder event = AuditEvent.builder(
                        request.action(),
                        rule.allowed() ? Outcome.SUCCESS : Outcome.DENIED,
                        rule.role() == Role.STAFF ? PurposeOfUse.OPERATIONS : PurposeOfUse.TREATMENT)
                .reason(rule.code())
                .resource(request.resourceType(), request.resourceId())
                .patient(
                        request.patientId() == null ? null : request.patientId().toString())
                .visit(request.visitId() == null ? null : request.visitId().toString());
        principal.ifPresent(p -> event.actor(
                        p.id().toString(),
                        rule.role() == null ? null : rule.role().name())
                .session(p.sessionRef(), p.authMethod()));
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes a) {
            event.source(a.getRequest().getRemoteAddr(), null);
        }
        AuditRecord record = trail.record(event.build());
        return new AccessDecision(rule.allowed(), rule.code(), false, record.sequence());
    }

    private Rule rule(WorkforcePrincipal p, AccessRequest r) {
        Optional<VisitFacts> visit = Optional.empty();
        if (r.visitId() != null) {
            visit = care.visit(r.visitId());
            if (visit.isEmpty()) {
                return new Rule(false, "unknown-visit", null);
            }
            if (r.patientId() != null && !visit.get().patientId().equals(r.patientId())) {
                return new Rule(false, "visit-patient-mismatch", null);
            }
        }
        Rule clinician = p.roles().contains(Role.CLINICIAN) ? clinician(p, r, visit) : null;
        Rule staff = p.roles().contains(Role.STAFF)
                ? r.dataClass() == DataClass.CLINICAL
                        ? new Rule(false, "staff-no-clinical", Role.STAFF)
                        : new Rule(true, "staff-front-desk", Role.STAFF)
                : null;
        for (Rule candidate : new Rule[] {clinician, staff}) {
            if (candidate != null && candidate.allowed()) {
                return candidate;
            }
        }
        if (clinician != null) {
            return clinician;
        }
        if (staff != null) {
            return staff;
        }
        if (p.roles().contains(Role.ADMIN)
                || p.roles().contains(Role.SECURITY_OFFICER)
                || p.roles().contains(Role.AUDITOR)) {
            return new Rule(false, "role-no-phi", p.roles().iterator().next());
        }
        return new Rule(false, "default-deny", null);
    }

    private Rule clinician(WorkforcePrincipal p, AccessRequest r, Optional<VisitFacts> visit) {
        Instant now = Instant.now();
        if (visit.isPresent()) {
            VisitFacts v = visit.get();
            if (!v.clinicianIds().contains(p.id())) {
                return deny("not-on-care-team");
            }
            if (r.dataClass() == DataClass.SCHEDULING) {
                return new Rule(true, "care-team-schedule", Role.CLINICIAN);
            }
            if (!inWindow(v, now)) {
                return deny("outside-visit-window");
            }
            if (r.dataClass() == DataClass.CLINICAL && !v.identityVerified()) {
                return deny("identity-not-verified");
            }
            if (r.dataClass() == DataClass.CLINICAL
                    && (p.mfaAt() == null || p.mfaAt().isBefore(now.minus(CLINICAL_MFA)))) {
                return deny("step-up-required");
            }
            return new Rule(true, "care-team-visit-window", Role.CLINICIAN);
        }
        if (r.patientId() == null) {
            return r.dataClass() == DataClass.CLINICAL
                    ? deny("default-deny")
                    : new Rule(true, "clinician-registration", Role.CLINICIAN);
        }
        if (r.dataClass() == DataClass.SCHEDULING) {
            return new Rule(true, "clinician-registration", Role.CLINICIAN);
        }
        if (r.dataClass() == DataClass.CLINICAL) {
            return deny("clinical-needs-visit");
        }
        List<VisitFacts> visits = care.visitsWith(p.id(), r.patientId());
        if (visits.stream().anyMatch(v -> inWindow(v, now))) {
            return new Rule(true, "care-team-visit-window", Role.CLINICIAN);
        }
        return deny(visits.isEmpty() ? "no-care-relationship" : "outside-visit-window");
    }

    private static boolean inWindow(VisitFacts v, Instant now) {
        return !v.closed()
                && !now.isBefore(v.start().minus(BEFORE))
                && !now.isAfter(v.end().plus(AFTER));
    }

    private static Rule deny(String code) {
        return new Rule(false, code, Role.CLINICIAN);
    }
}
