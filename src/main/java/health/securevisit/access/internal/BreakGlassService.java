package health.securevisit.access.internal;

import health.securevisit.access.AccessDeniedByPolicyException;
import health.securevisit.access.BreakGlass;
import health.securevisit.access.BreakGlassGrant;
import health.securevisit.access.BreakGlassGranted;
import health.securevisit.access.PatientId;
import health.securevisit.audit.Outcome;
import health.securevisit.audit.PurposeOfUse;
import health.securevisit.identity.CurrentWorkforceUser;
import health.securevisit.identity.Role;
import health.securevisit.identity.StepUpRequiredException;
import health.securevisit.identity.WorkforcePrincipal;
import health.securevisit.platform.FreeText;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Opens break-glass grants: a signed-in clinician with a fresh MFA step-up and a reason gets a
 * grant for one patient, a stored security alert is raised and {@link BreakGlassGranted} published.
 * Every attempt is audited as {@code access.break-glass}; the success record is written first, so if
 * the trail is unavailable nothing is granted. The reason is stored encrypted, never audited or logged.
 */
@Service
class BreakGlassService implements BreakGlass {

    static final String ACTION = "access.break-glass";
    static final String ROLE_NOT_CLINICIAN = "role-not-clinician";
    static final String REASON_TOO_SHORT = "reason-too-short";
    static final String REASON_TOO_LONG = "reason-too-long";
    static final String REASON_HIDDEN_CHARACTERS = "reason-hidden-characters";
    static final int MAX_REASON = 2000;
    static final String ALERT_KIND = "break-glass";
    static final String ALERT_SEVERITY = "HIGH";

    private final CurrentWorkforceUser currentUser;
    private final AccessSettings settings;
    private final Clock clock;
    private final AccessAudit audit;
    private final BreakGlassGrants grants;
    private final SecurityAlerts alerts;
    private final ApplicationEventPublisher events;

    BreakGlassService(
            CurrentWorkforceUser currentUser,
            AccessSettings settings,
            Clock clock,
            AccessAudit audit,
            BreakGlassGrants grants,
            SecurityAlerts alerts,
            ApplicationEventPublisher events) {
        this.currentUser = currentUser;
        this.settings = settings;
        this.clock = clock;
        this.audit = audit;
        this.grants = grants;
        this.alerts = alerts;
        this.events = events;
    }

    @Override
    @Transactional
    public BreakGlassGrant open(PatientId patient, String reason) {
        UUID patientId = Objects.requireNonNull(patient, "patientId").value();
        WorkforcePrincipal principal = currentUser.current().orElse(null);
        Instant now = clock.instant();
        if (principal == null) {
            deny(null, patientId, Rules.NO_MFA_SESSION, null);
            throw new AccessDeniedByPolicyException(
                    "access-denied", Rules.NO_MFA_SESSION, PolicyDecisionPoint.DENIED_MESSAGE);
        }
        if (!principal.roles().contains(Role.CLINICIAN)) {
            deny(principal, patientId, ROLE_NOT_CLINICIAN, Rules.mostSpecificRole(principal.roles()));
            throw new AccessDeniedByPolicyException(
                    "access-denied", ROLE_NOT_CLINICIAN, PolicyDecisionPoint.DENIED_MESSAGE);
        }
        Instant mfaAt = principal.mfaAt();
        if (mfaAt == null || mfaAt.isBefore(now.minus(settings.breakGlassMfaMaxAge()))) {
            deny(principal, patientId, Rules.STEP_UP_REQUIRED, Role.CLINICIAN);
            throw new StepUpRequiredException();
        }
        String trimmed =
                FreeText.normalized(reason == null ? "" : reason.strip()).orElse(null);
        if (trimmed == null) {
            deny(principal, patientId, REASON_HIDDEN_CHARACTERS, Role.CLINICIAN);
            throw BreakGlassReasonException.hiddenCharacters();
        }
        int length = trimmed.codePointCount(0, trimmed.length());
        if (FreeText.visibleLength(trimmed) < settings.breakGlassMinReason()) {
            deny(principal, patientId, REASON_TOO_SHORT, Role.CLINICIAN);
            throw BreakGlassReasonException.tooShort(settings.breakGlassMinReason());
        }
        if (length > MAX_REASON) {
            deny(principal, patientId, REASON_TOO_LONG, Role.CLINICIAN);
            throw BreakGlassReasonException.tooLong(MAX_REASON);
        }
        BreakGlassGrant grant = new BreakGlassGrant(
                UUID.randomUUID(),
                principal.id(),
                patientId,
                now,
                now.plus(settings.breakGlassDuration()),
                UUID.randomUUID());
        audit.record(principal, entry(Outcome.SUCCESS, Rules.BREAK_GLASS, Role.CLINICIAN, grant.id(), patientId));
        grants.insert(grant, trimmed);
        alerts.insert(new SecurityAlerts.Alert(
                grant.alertId(), ALERT_KIND, ALERT_SEVERITY, principal.id(), patientId, grant.id(), now, "OPEN"));
        events.publishEvent(new BreakGlassGranted(
                grant.id(), grant.alertId(), grant.clinicianId(), grant.patientId(), grant.expiresAt()));
        return grant;
    }

    private void deny(@Nullable WorkforcePrincipal principal, UUID patientId, String reason, @Nullable Role role) {
        audit.record(principal, entry(Outcome.DENIED, reason, role, null, patientId));
    }

    private static AccessAudit.Entry entry(
            Outcome outcome, String reason, @Nullable Role role, @Nullable UUID grantId, UUID patientId) {
        return new AccessAudit.Entry(
                ACTION,
                outcome,
                reason,
                role,
                PurposeOfUse.EMERGENCY,
                "break-glass-grant",
                grantId == null ? null : grantId.toString(),
                patientId,
                null);
    }
}
