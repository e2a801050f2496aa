package health.securevisit.access.internal;

import health.securevisit.access.AccessDecision;
import health.securevisit.access.AccessDeniedByPolicyException;
import health.securevisit.access.AccessPolicy;
import health.securevisit.access.AccessRequest;
import health.securevisit.access.CareRelationships;
import health.securevisit.access.DevicePosture;
import health.securevisit.access.PostureSources.DevicePostures;
import health.securevisit.access.PostureSources.TrainingStatuses;
import health.securevisit.access.TrainingStatus;
import health.securevisit.access.VisitFacts;
import health.securevisit.audit.AuditRecord;
import health.securevisit.audit.Outcome;
import health.securevisit.audit.PurposeOfUse;
import health.securevisit.identity.CurrentWorkforceUser;
import health.securevisit.identity.Role;
import health.securevisit.identity.WorkforcePrincipal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;

/**
 * The decision point: gathers the context of a request (principal, roles, MFA age, time, device
 * posture, training status, the visit and care relationships, break-glass grants), lets
 * {@link Rules} decide, and records the decision in the audit trail before it returns or throws.
 *
 * <p>Inputs that no module supplies yet answer unknown: without a {@link DevicePostures} or
 * {@link TrainingStatuses} bean they are UNKNOWN (the settings say what that means), and without a
 * single {@link CareRelationships} bean every visit is unknown, so every visit-bound access is denied.
 */
@Service
class PolicyDecisionPoint implements AccessPolicy {

    static final String DENIED_MESSAGE = "You are not allowed to see this.";
    static final String NOT_VERIFIED_MESSAGE =
            "The patient's identity has not been verified for this visit: verify it before opening clinical data.";
    static final String STEP_UP_MESSAGE = "Clinical data needs a recent second factor: verify with your"
            + " authenticator app or security key (POST /api/v1/auth/totp/verify or the WebAuthn step-up) and try"
            + " again.";

    private final CurrentWorkforceUser currentUser;
    private final AccessSettings settings;
    private final AccessClock clock;
    private final AccessAudit audit;
    private final BreakGlassGrants grants;
    private final Once<DevicePostures> devicePostures;
    private final Once<TrainingStatuses> trainingStatuses;
    private final Once<CareRelationships> careRelationships;

    PolicyDecisionPoint(
            CurrentWorkforceUser currentUser,
            AccessSettings settings,
            AccessClock clock,
            AccessAudit audit,
            BreakGlassGrants grants,
            ObjectProvider<DevicePostures> devicePostures,
            ObjectProvider<TrainingStatuses> trainingStatuses,
            ObjectProvider<CareRelationships> careRelationships) {
        this.currentUser = currentUser;
        this.settings = settings;
        this.clock = clock;
        this.audit = audit;
        this.grants = grants;
        this.devicePostures = new Once<>(devicePostures);
        this.trainingStatuses = new Once<>(trainingStatuses);
        this.careRelationships = new Once<>(careRelationships);
    }

    @Override
    public AccessDecision authorize(AccessRequest request) {
        AccessDecision decision = decide(request);
        if (!decision.allowed()) {
            throw denial(decision.rule());
        }
        return decision;
    }

    @Override
    public AccessDecision decide(AccessRequest request) {
        WorkforcePrincipal principal = currentUser.current().orElse(null);
        AccessContext context = context(principal, request);
        Verdict verdict = Rules.decide(context);
        // Break-glass grants are looked up only when the normal rules deny: an allow on the normal rules
        // wins anyway (no emergency is recorded when none was needed), and the hot path saves a query.
        if (!verdict.allowed() && mayBreakGlass(context)) {
            UUID patientId = Rules.patientOf(request, context.visit());
            if (patientId != null && grants.active(principal.id(), patientId, context.now())) {
                verdict = Rules.decide(context.withBreakGlass());
            }
        }
        AuditRecord record = audit.record(
                principal,
                new AccessAudit.Entry(
                        request.action(),
                        verdict.allowed() ? Outcome.SUCCESS : Outcome.DENIED,
                        verdict.rule(),
                        verdict.role(),
                        purpose(verdict),
                        request.resourceType(),
                        request.resourceId(),
                        request.patientId(),
                        request.visitId()));
        return new AccessDecision(verdict.allowed(), verdict.rule(), verdict.breakGlass(), record.sequence());
    }

    AccessContext context(@Nullable WorkforcePrincipal principal, AccessRequest request) {
        Instant now = clock.instant();
        if (principal == null || !principal.mfaSatisfied()) {
            return new AccessContext(
                    principal,
                    request,
                    now,
                    DevicePosture.UNKNOWN,
                    TrainingStatus.UNKNOWN,
                    null,
                    List.of(),
                    false,
                    settings);
        }
        DevicePostures postures = devicePostures.get();
        TrainingStatuses trainings = trainingStatuses.get();
        CareRelationships care = careRelationships.get();
        DevicePosture posture = postures == null ? DevicePosture.UNKNOWN : postures.postureOf(principal.id(), null);
        TrainingStatus training = trainings == null ? TrainingStatus.UNKNOWN : trainings.statusOf(principal.id());
        VisitFacts visit = request.visitId() == null || care == null
                ? null
                : care.visit(request.visitId()).orElse(null);
        boolean clinician = principal.roles().contains(Role.CLINICIAN);
        List<VisitFacts> visits = clinician && care != null && request.visitId() == null && request.patientId() != null
                ? care.visitsWith(principal.id(), request.patientId())
                : List.of();
        return new AccessContext(principal, request, now, posture, training, visit, visits, false, settings);
    }

    private static boolean mayBreakGlass(AccessContext context) {
        WorkforcePrincipal principal = context.principal();
        return principal != null
                && principal.mfaSatisfied()
                && principal.roles().contains(Role.CLINICIAN);
    }

    static PurposeOfUse purpose(Verdict verdict) {
        if (verdict.breakGlass()) {
            return PurposeOfUse.EMERGENCY;
        }
        return verdict.role() == Role.STAFF ? PurposeOfUse.OPERATIONS : PurposeOfUse.TREATMENT;
    }

    static AccessDeniedByPolicyException denial(String rule) {
        return switch (rule) {
            case Rules.IDENTITY_NOT_VERIFIED ->
                new AccessDeniedByPolicyException(Rules.IDENTITY_NOT_VERIFIED, rule, NOT_VERIFIED_MESSAGE);
            case Rules.STEP_UP_REQUIRED ->
                new AccessDeniedByPolicyException(Rules.STEP_UP_REQUIRED, rule, STEP_UP_MESSAGE);
            default -> new AccessDeniedByPolicyException("access-denied", rule, DENIED_MESSAGE);
        };
    }

    /**
     * The unique bean of an input, resolved at the first decision and then kept: looking it up in the
     * bean factory on every PHI request cost more than the rest of the decision.
     */
    static final class Once<T> {
        private final ObjectProvider<T> provider;
        private volatile boolean resolved;
        private @Nullable T value;

        Once(ObjectProvider<T> provider) {
            this.provider = provider;
        }

        @Nullable
        T get() {
            if (!resolved) {
                value = provider.getIfUnique();
                resolved = true;
            }
            return value;
        }
    }
}
