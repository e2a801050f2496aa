package health.securevisit.access.internal;

import health.securevisit.access.AccessDecision;
import health.securevisit.access.AccessDeniedByPolicyException;
import health.securevisit.access.AccessPolicy;
import health.securevisit.access.AccessRequest;
import health.securevisit.access.CareRelationships;
import health.securevisit.access.DevicePosture;
import health.securevisit.access.DeviceStanding;
import health.securevisit.access.Intent;
import health.securevisit.access.Investigation;
import health.securevisit.access.InvestigationFacts;
import health.securevisit.access.Investigations;
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
import java.time.Clock;
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
 * <p>The facts of a visit come with the request when the caller has just read the visit (or is
 * creating it); otherwise they are asked of the {@link CareRelationships}. Inputs that no module
 * supplies yet answer unknown: without a {@link DevicePostures} or {@link TrainingStatuses} bean they
 * are UNKNOWN (the settings say what that means), and without a single {@link CareRelationships} bean
 * every visit is unknown, so every visit-bound access is denied. The optional beans are resolved once,
 * when the decision point is built.
 */
@Service
class PolicyDecisionPoint implements AccessPolicy {

    static final String DENIED_MESSAGE = "You are not allowed to see this.";
    static final String NOT_VERIFIED_MESSAGE =
            "The patient's identity has not been verified for this visit: verify it before opening clinical data.";
    static final String IDENTITY_STEP_MESSAGE =
            "The patient's identity data is changed only after the identity step of the visit.";
    static final String RELATIONSHIP_MESSAGE = "You can put yourself on a visit's care team only for a patient"
            + " you have seen before; ask the front desk to schedule the visit.";
    static final String CHECK_IN_MESSAGE =
            "Only the front desk checks a patient in; the patient can also join through the visit's link.";
    static final String STEP_UP_MESSAGE = "Clinical data needs a recent second factor: verify with your"
            + " authenticator app or security key (POST /api/v1/auth/totp/verify or the WebAuthn step-up) and try"
            + " again.";

    static final String TRAINING_MESSAGE = "Your required security training is overdue: complete it on the page"
            + " /account/training, then try again.";

    /** The problem code of every device denial. */
    public static final String DEVICE_NOT_COMPLIANT = "device-not-compliant";

    private static final String DEVICE_MESSAGE = "This device does not meet the device policy for this action. The"
            + " failing checks are listed; the page /account/device says how to fix each.";

    private final CurrentWorkforceUser currentUser;
    private final AccessSettings settings;
    private final Clock clock;
    private final AccessAudit audit;
    private final BreakGlassGrants grants;
    private final @Nullable DevicePostures devicePostures;
    private final @Nullable TrainingStatuses trainingStatuses;
    private final @Nullable CareRelationships careRelationships;
    private final @Nullable Investigations investigations;
    private final DeviceTiers deviceTiers;

    PolicyDecisionPoint(
            CurrentWorkforceUser currentUser,
            AccessSettings settings,
            Clock clock,
            AccessAudit audit,
            BreakGlassGrants grants,
            ObjectProvider<DevicePostures> devicePostures,
            ObjectProvider<TrainingStatuses> trainingStatuses,
            ObjectProvider<CareRelationships> careRelationships,
            ObjectProvider<DeviceTiers> deviceTiers,
            ObjectProvider<Investigations> investigations) {
        this.currentUser = currentUser;
        this.settings = settings;
        this.clock = clock;
        this.audit = audit;
        this.grants = grants;
        this.devicePostures = devicePostures.getIfUnique();
        this.trainingStatuses = trainingStatuses.getIfUnique();
        this.careRelationships = careRelationships.getIfUnique();
        this.deviceTiers = deviceTiers.getIfAvailable(DeviceTiers::defaults);
        this.investigations = investigations.getIfUnique();
    }

    @Override
    public AccessDecision authorize(AccessRequest request) {
        WorkforcePrincipal principal = currentUser.current().orElse(null);
        AccessContext context = context(principal, request);
        AccessDecision decision = decide(principal, context);
        if (!decision.allowed()) {
            throw denial(decision.rule(), context.deviceChecks());
        }
        return decision;
    }

    @Override
    public AccessDecision decide(AccessRequest request) {
        WorkforcePrincipal principal = currentUser.current().orElse(null);
        return decide(principal, context(principal, request));
    }

    private AccessDecision decide(@Nullable WorkforcePrincipal principal, AccessContext context) {
        AccessRequest request = context.request();
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
                        purpose(verdict, request),
                        request.resourceType(),
                        request.resourceId(),
                        request.patientId() == null ? null : request.patientId().value(),
                        request.visitId() == null ? null : request.visitId().value()));
        return new AccessDecision(
                verdict.allowed(),
                verdict.rule(),
                verdict.breakGlass(),
                record.sequence(),
                verdict.allowed() && verdict.identityDataMasked());
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
        DevicePostures postures = devicePostures;
        TrainingStatuses trainings = trainingStatuses;
        CareRelationships care = careRelationships;
        DeviceStanding device = postures == null
                ? DeviceStanding.of(DevicePosture.UNKNOWN)
                : postures.standingOf(principal.id(), principal.deviceId());
        TrainingStatus training = trainings == null ? TrainingStatus.UNKNOWN : trainings.statusOf(principal.id());
        VisitFacts visit = request.visit();
        if (visit == null && request.visitId() != null && care != null) {
            visit = care.visit(request.visitId()).orElse(null);
        }
        // A clinician's visits with the patient: for patient-level requests, and for a creation (whose
        // rule looks for a prior care relationship).
        boolean clinician = principal.roles().contains(Role.CLINICIAN);
        boolean needed =
                request.patientId() != null && (request.visitId() == null || request.intent() == Intent.CREATE);
        List<VisitFacts> visits =
                clinician && care != null && needed ? care.visitsWith(principal.id(), request.patientId()) : List.of();
        return new AccessContext(
                principal,
                request,
                now,
                device.posture(),
                training,
                visit,
                visits,
                false,
                settings,
                device.failingChecks(),
                deviceTiers,
                investigationFacts(principal, request));
    }

    /** The incident's facts for the patient: asked only for a security officer's request made for one. */
    private @Nullable InvestigationFacts investigationFacts(WorkforcePrincipal principal, AccessRequest request) {
        Investigations source = investigations;
        Investigation investigation = request.investigation();
        if (source == null
                || investigation == null
                || request.patientId() == null
                || !principal.roles().contains(Role.SECURITY_OFFICER)) {
            return null;
        }
        return source.facts(investigation.incident(), request.patientId()).orElse(null);
    }

    /** The check named when the device answer itself carries none. */
    private static String deviceCheckOf(String rule) {
        return switch (rule) {
            case Rules.DEVICE_POSTURE_UNKNOWN -> "device-not-bound";
            case Rules.DEVICE_TIER_EXCLUDES_ACTION -> "action-not-in-device-tier";
            default -> "device-noncompliant";
        };
    }

    private static boolean mayBreakGlass(AccessContext context) {
        WorkforcePrincipal principal = context.principal();
        return principal != null
                && principal.mfaSatisfied()
                && principal.roles().contains(Role.CLINICIAN);
    }

    static PurposeOfUse purpose(Verdict verdict) {
        return purpose(verdict, null);
    }

    /** The purpose recorded with a decision; a request made for an incident is compliance work. */
    static PurposeOfUse purpose(Verdict verdict, @Nullable AccessRequest request) {
        if (request != null && request.investigation() != null) {
            return PurposeOfUse.COMPLIANCE;
        }
        if (verdict.breakGlass()) {
            return PurposeOfUse.EMERGENCY;
        }
        return verdict.role() == Role.STAFF ? PurposeOfUse.OPERATIONS : PurposeOfUse.TREATMENT;
    }

    static AccessDeniedByPolicyException denial(String rule) {
        return denial(rule, List.of());
    }

    static AccessDeniedByPolicyException denial(String rule, List<String> deviceChecks) {
        return switch (rule) {
            case Rules.DEVICE_NONCOMPLIANT, Rules.DEVICE_POSTURE_UNKNOWN, Rules.DEVICE_TIER_EXCLUDES_ACTION ->
                new AccessDeniedByPolicyException(
                        DEVICE_NOT_COMPLIANT,
                        rule,
                        DEVICE_MESSAGE,
                        deviceChecks.isEmpty() ? List.of(deviceCheckOf(rule)) : deviceChecks);
            case Rules.IDENTITY_NOT_VERIFIED ->
                new AccessDeniedByPolicyException(Rules.IDENTITY_NOT_VERIFIED, rule, NOT_VERIFIED_MESSAGE);
            case Rules.IDENTITY_STEP_PENDING ->
                new AccessDeniedByPolicyException(Rules.IDENTITY_NOT_VERIFIED, rule, IDENTITY_STEP_MESSAGE);
            case Rules.STEP_UP_REQUIRED ->
                new AccessDeniedByPolicyException(Rules.STEP_UP_REQUIRED, rule, STEP_UP_MESSAGE);
            case Rules.NO_PRIOR_CARE_RELATIONSHIP ->
                new AccessDeniedByPolicyException("care-relationship-required", rule, RELATIONSHIP_MESSAGE);
            case Rules.TRAINING_OVERDUE ->
                new AccessDeniedByPolicyException(Rules.TRAINING_OVERDUE, rule, TRAINING_MESSAGE);
            case Rules.CHECK_IN_STAFF_ONLY ->
                new AccessDeniedByPolicyException(Rules.CHECK_IN_STAFF_ONLY, rule, CHECK_IN_MESSAGE);
            default -> new AccessDeniedByPolicyException("access-denied", rule, DENIED_MESSAGE);
        };
    }
}
