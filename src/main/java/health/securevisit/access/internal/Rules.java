package health.securevisit.access.internal;

import health.securevisit.access.AccessRequest;
import health.securevisit.access.DataClass;
import health.securevisit.access.DevicePosture;
import health.securevisit.access.Intent;
import health.securevisit.access.Investigation;
import health.securevisit.access.InvestigationFacts;
import health.securevisit.access.TrainingStatus;
import health.securevisit.access.VisitFacts;
import health.securevisit.identity.Role;
import health.securevisit.identity.WorkforcePrincipal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The access policy as a pure function of an {@link AccessContext}: rules in order, the first that
 * matches decides, default deny. Rule codes are stable (they are the reason of the decision's audit
 * record) and listed in {@code docs/access.md}.
 */
public final class Rules {

    public static final String NO_MFA_SESSION = "no-mfa-session";
    public static final String DEVICE_NONCOMPLIANT = "device-noncompliant";
    public static final String DEVICE_POSTURE_UNKNOWN = "device-posture-unknown";
    public static final String DEVICE_TIER_EXCLUDES_ACTION = "device-tier-excludes-action";
    public static final String TRAINING_OVERDUE = "training-overdue";
    public static final String TRAINING_STATUS_UNKNOWN = "training-status-unknown";
    public static final String UNKNOWN_VISIT = "unknown-visit";
    public static final String VISIT_PATIENT_MISMATCH = "visit-patient-mismatch";
    public static final String STAFF_FRONT_DESK = "staff-front-desk";
    public static final String STAFF_NO_CLINICAL = "staff-no-clinical";
    public static final String BREAK_GLASS = "break-glass";
    public static final String STEP_UP_REQUIRED = "step-up-required";
    public static final String CLINICIAN_REGISTRATION = "clinician-registration";
    public static final String NOT_ON_CARE_TEAM = "not-on-care-team";
    public static final String CARE_TEAM_SCHEDULE = "care-team-schedule";
    public static final String OUTSIDE_VISIT_WINDOW = "outside-visit-window";
    public static final String IDENTITY_NOT_VERIFIED = "identity-not-verified";
    public static final String CARE_TEAM_VISIT_WINDOW = "care-team-visit-window";
    public static final String CLINICAL_NEEDS_VISIT = "clinical-needs-visit";
    public static final String NO_CARE_RELATIONSHIP = "no-care-relationship";
    public static final String PRIOR_CARE_RELATIONSHIP = "prior-care-relationship";
    public static final String NO_PRIOR_CARE_RELATIONSHIP = "no-prior-care-relationship";
    public static final String CHECK_IN_STAFF_ONLY = "check-in-staff-only";
    public static final String IDENTITY_STEP_PENDING = "identity-step-pending";
    public static final String ROLE_NO_PHI = "role-no-phi";
    public static final String CARE_TEAM_LIVE_VISIT = "care-team-live-visit";
    public static final String LIVE_VISIT_NEEDS_VISIT = "live-visit-needs-visit";
    public static final String DEFAULT_DENY = "default-deny";
    public static final String CARE_TEAM_MONITORING = "care-team-monitoring";
    public static final String NO_MONITORING_RELATIONSHIP = "no-monitoring-relationship";
    public static final String VITALS_NEED_PATIENT = "vitals-need-patient";
    public static final String INCIDENT_INVESTIGATION = "incident-investigation";
    public static final String INVESTIGATION_OFFICER_ONLY = "investigation-officer-only";
    public static final String INVESTIGATION_NEEDS_INCIDENT = "investigation-needs-incident";
    public static final String INVESTIGATION_MINIMUM_NECESSARY = "investigation-minimum-necessary";
    public static final String UNKNOWN_INCIDENT = "unknown-incident";
    public static final String INCIDENT_CLOSED = "incident-closed";
    public static final String PATIENT_NOT_IN_INCIDENT = "patient-not-in-incident";
    public static final String NOTICE_NOT_REQUIRED = "notice-not-required";

    /** How long after a visit with verified identity its clinician monitors the patient's vitals. */
    public static final Duration MONITORING_PERIOD = Duration.ofDays(30);

    /** Roles without any PHI access, in the order one is reported for a {@code role-no-phi} denial. */
    private static final List<Role> NO_PHI_ROLES = List.of(Role.ADMIN, Role.SECURITY_OFFICER, Role.AUDITOR);

    private Rules() {}

    public static Verdict decide(AccessContext ctx) {
        WorkforcePrincipal principal = ctx.principal();
        if (principal == null || !principal.mfaSatisfied()) {
            return Verdict.deny(NO_MFA_SESSION, null);
        }
        Role shown = mostSpecificRole(principal.roles());
        Verdict gate = gates(ctx, shown);
        if (gate != null) {
            return gate;
        }
        if (ctx.request().dataClass() == DataClass.RESIDENCE || ctx.request().investigation() != null) {
            return investigation(ctx, principal, shown);
        }
        Verdict clinician = principal.roles().contains(Role.CLINICIAN) ? clinician(ctx, principal) : null;
        Verdict staff = principal.roles().contains(Role.STAFF) ? staff(ctx.request()) : null;
        // Separation of duties: someone who is also front-desk staff but is this patient's clinician here (on
        // the care team of the named or new visit, or with a visit whose window is open) is decided as the
        // clinician, so the staff role cannot schedule them, check their patient in or unmask what they verify.
        if (clinician != null && staff != null && involved(ctx, principal)) {
            return clinician;
        }
        // An allow on the normal rules beats one resting on break-glass (no emergency is recorded when
        // none was needed); among those the clinician's rule comes first.
        for (Verdict v : new Verdict[] {clinician, staff}) {
            if (v != null && v.allowed() && !v.breakGlass()) {
                return v;
            }
        }
        if (clinician != null && clinician.allowed()) {
            return clinician;
        }
        // The most specific denial: clinician rule, then staff rule, then role-no-phi.
        if (clinician != null) {
            return clinician;
        }
        if (staff != null) {
            return staff;
        }
        for (Role role : NO_PHI_ROLES) {
            if (principal.roles().contains(role)) {
                return Verdict.deny(ROLE_NO_PHI, role);
            }
        }
        return Verdict.deny(DEFAULT_DENY, null);
    }

    /** Rules 2 to 4: device posture, training, and the visit named by the request. */
    private static @Nullable Verdict gates(AccessContext ctx, @Nullable Role shown) {
        if (ctx.posture() == DevicePosture.NONCOMPLIANT && ctx.deviceChecks().isEmpty()) {
            return Verdict.deny(DEVICE_NONCOMPLIANT, shown); // non-compliant without named checks: no tier
        }
        if (ctx.posture() != DevicePosture.UNKNOWN
                && !ctx.deviceTiers().allows(ctx.deviceChecks(), ctx.request().action())) {
            // A known device: some tier must tolerate every check it fails and allow the action.
            return Verdict.deny(
                    ctx.posture() == DevicePosture.COMPLIANT ? DEVICE_TIER_EXCLUDES_ACTION : DEVICE_NONCOMPLIANT,
                    shown);
        }
        if (ctx.posture() == DevicePosture.UNKNOWN && !ctx.settings().allowsUnknownDevicePosture()) {
            return Verdict.deny(DEVICE_POSTURE_UNKNOWN, shown);
        }
        if (ctx.training() == TrainingStatus.OVERDUE) {
            return Verdict.deny(TRAINING_OVERDUE, shown);
        }
        if (ctx.training() == TrainingStatus.UNKNOWN && !ctx.settings().allowsUnknownTraining()) {
            return Verdict.deny(TRAINING_STATUS_UNKNOWN, shown);
        }
        AccessRequest request = ctx.request();
        if (request.visitId() != null) {
            VisitFacts visit = ctx.visit();
            if (visit == null || !visit.visitId().equals(request.visitId().value())) {
                return Verdict.deny(UNKNOWN_VISIT, shown);
            }
            if (request.patientId() != null
                    && !visit.patientId().equals(request.patientId().value())) {
                return Verdict.deny(VISIT_PATIENT_MISMATCH, shown);
            }
        }
        return null;
    }

    /**
     * Rule 5i: the purpose of use "investigating a security incident", whatever other roles the principal
     * holds. A security officer may read the state of residence (nothing else) of a patient of an open
     * incident's computed set, shown as counts unless the incident's assessment requires notices.
     */
    private static Verdict investigation(AccessContext ctx, WorkforcePrincipal principal, @Nullable Role shown) {
        AccessRequest request = ctx.request();
        if (!principal.roles().contains(Role.SECURITY_OFFICER)) {
            return Verdict.deny(INVESTIGATION_OFFICER_ONLY, shown);
        }
        Investigation investigation = request.investigation();
        if (investigation == null || request.patientId() == null) {
            return Verdict.deny(INVESTIGATION_NEEDS_INCIDENT, Role.SECURITY_OFFICER);
        }
        if (request.dataClass() != DataClass.RESIDENCE) {
            return Verdict.deny(INVESTIGATION_MINIMUM_NECESSARY, Role.SECURITY_OFFICER);
        }
        InvestigationFacts facts = ctx.investigation();
        if (facts == null || !facts.incident().equals(investigation.incident())) {
            return Verdict.deny(UNKNOWN_INCIDENT, Role.SECURITY_OFFICER);
        }
        if (!facts.open()) {
            return Verdict.deny(INCIDENT_CLOSED, Role.SECURITY_OFFICER);
        }
        if (!facts.patientInScope()) {
            return Verdict.deny(PATIENT_NOT_IN_INCIDENT, Role.SECURITY_OFFICER);
        }
        if (investigation.disclosure() == Investigation.Disclosure.PER_PATIENT && !facts.noticeRequired()) {
            return Verdict.deny(NOTICE_NOT_REQUIRED, Role.SECURITY_OFFICER);
        }
        return Verdict.allow(INCIDENT_INVESTIGATION, Role.SECURITY_OFFICER);
    }

    /** Rule 6: front-desk staff see scheduling data and demographics, never clinical data. */
    private static Verdict staff(AccessRequest request) {
        return request.dataClass().clinical()
                        || request.dataClass() == DataClass.LIVE_VISIT
                        || request.dataClass() == DataClass.VITALS
                ? Verdict.deny(STAFF_NO_CLINICAL, Role.STAFF)
                : Verdict.allow(STAFF_FRONT_DESK, Role.STAFF);
    }

    /**
     * Rule 7: clinicians by break-glass, registration, or their visits and its window. A clinician never
     * checks a patient in (the patient's presence is recorded by the patient's join or by staff), and
     * puts themselves on a new visit's care team only with a prior care relationship (rule 7e).
     */
    private static Verdict clinician(AccessContext ctx, WorkforcePrincipal principal) {
        AccessRequest request = ctx.request();
        DataClass data = request.dataClass();
        Intent intent = request.intent();
        VisitFacts visit = ctx.visit();
        if (intent == Intent.CHECK_IN) {
            boolean onTeam = visit == null || visit.clinicianIds().contains(principal.id());
            return Verdict.deny(onTeam ? CHECK_IN_STAFF_ONLY : NOT_ON_CARE_TEAM, Role.CLINICIAN);
        }
        if (intent == Intent.CREATE && visit != null) {
            return creation(ctx, principal, visit);
        }
        if (data == DataClass.LIVE_VISIT) {
            return liveVisit(ctx, principal, visit);
        }
        if (ctx.breakGlassActive()) {
            if ((data.clinical() || data == DataClass.VITALS) && mfaStale(principal, ctx)) {
                return Verdict.deny(STEP_UP_REQUIRED, Role.CLINICIAN);
            }
            return Verdict.breakGlass(Role.CLINICIAN);
        }
        if (data == DataClass.VITALS) {
            return monitoring(ctx, principal);
        }
        if (request.visitId() != null && visit != null) {
            return throughVisit(ctx, principal, visit);
        }
        if (request.patientId() == null) {
            return data.clinical()
                    ? Verdict.deny(CLINICAL_NEEDS_VISIT, Role.CLINICIAN)
                    : Verdict.allow(CLINICIAN_REGISTRATION, Role.CLINICIAN);
        }
        UUID patientId = request.patientId().value();
        if (data == DataClass.SCHEDULING) {
            // Scheduling data of a patient shows no demographics or clinical data.
            return Verdict.allow(CLINICIAN_REGISTRATION, Role.CLINICIAN);
        }
        List<VisitFacts> open = mine(ctx, principal, patientId).stream()
                .filter(v -> open(v, ctx))
                .toList();
        if (!open.isEmpty()) {
            if (data.clinical()) {
                return Verdict.deny(CLINICAL_NEEDS_VISIT, Role.CLINICIAN);
            }
            return demographics(ctx, open.stream().anyMatch(VisitFacts::identityVerified));
        }
        boolean anyVisit = !mine(ctx, principal, patientId).isEmpty();
        return Verdict.deny(anyVisit ? OUTSIDE_VISIT_WINDOW : NO_CARE_RELATIONSHIP, Role.CLINICIAN);
    }

    /**
     * Rule 7f: remote-monitoring vitals of a patient, between visits: a clinician on the care team of a
     * visit of that patient whose identity step was done within the {@link #MONITORING_PERIOD}, with a
     * fresh MFA as for clinical data.
     */
    private static Verdict monitoring(AccessContext ctx, WorkforcePrincipal principal) {
        UUID patientId = patientOf(ctx.request(), ctx.visit());
        if (patientId == null) {
            return Verdict.deny(VITALS_NEED_PATIENT, Role.CLINICIAN);
        }
        List<VisitFacts> visits = mine(ctx, principal, patientId);
        Instant since = ctx.now().minus(MONITORING_PERIOD);
        boolean monitoring =
                visits.stream().anyMatch(v -> v.identityVerified() && !v.start().isBefore(since));
        if (!monitoring) {
            return Verdict.deny(visits.isEmpty() ? NO_CARE_RELATIONSHIP : NO_MONITORING_RELATIONSHIP, Role.CLINICIAN);
        }
        if (mfaStale(principal, ctx)) {
            return Verdict.deny(STEP_UP_REQUIRED, Role.CLINICIAN);
        }
        return Verdict.allow(CARE_TEAM_MONITORING, Role.CLINICIAN);
    }

    /**
     * Rule 7e: a clinician schedules a visit. Colleagues may be booked freely; the clinician's own place
     * on the care team needs an earlier visit of the patient, with the clinician on its care team, that
     * reached identity verification (so the patient was present). Break-glass does not create one.
     */
    private static Verdict creation(AccessContext ctx, WorkforcePrincipal principal, VisitFacts proposed) {
        if (!proposed.clinicianIds().contains(principal.id())) {
            return Verdict.allow(CLINICIAN_REGISTRATION, Role.CLINICIAN);
        }
        boolean prior = mine(ctx, principal, proposed.patientId()).stream()
                .anyMatch(v -> !v.visitId().equals(proposed.visitId()) && v.identityVerified());
        return prior
                ? Verdict.allow(PRIOR_CARE_RELATIONSHIP, Role.CLINICIAN)
                : Verdict.deny(NO_PRIOR_CARE_RELATIONSHIP, Role.CLINICIAN);
    }

    /**
     * Rule 7f: the live visit (the room). Only a clinician on the visit's care team, inside its window,
     * with an MFA as fresh as for clinical data to enter (intent {@link Intent#REMAIN}, deciding again
     * while the room stays open, does not ask for it again). Break-glass never opens a live visit: it
     * is decided before the break-glass rule, so a grant changes nothing.
     */
    private static Verdict liveVisit(AccessContext ctx, WorkforcePrincipal principal, @Nullable VisitFacts visit) {
        if (visit == null) {
            return Verdict.deny(LIVE_VISIT_NEEDS_VISIT, Role.CLINICIAN);
        }
        if (!visit.clinicianIds().contains(principal.id())) {
            return Verdict.deny(NOT_ON_CARE_TEAM, Role.CLINICIAN);
        }
        if (!open(visit, ctx)) {
            return Verdict.deny(OUTSIDE_VISIT_WINDOW, Role.CLINICIAN);
        }
        if (ctx.request().intent() != Intent.REMAIN && mfaStale(principal, ctx)) {
            return Verdict.deny(STEP_UP_REQUIRED, Role.CLINICIAN);
        }
        return Verdict.allow(CARE_TEAM_LIVE_VISIT, Role.CLINICIAN);
    }

    private static Verdict throughVisit(AccessContext ctx, WorkforcePrincipal principal, VisitFacts visit) {
        if (!visit.clinicianIds().contains(principal.id())) {
            return Verdict.deny(NOT_ON_CARE_TEAM, Role.CLINICIAN);
        }
        DataClass data = ctx.request().dataClass();
        if (data == DataClass.SCHEDULING) {
            return Verdict.allow(CARE_TEAM_SCHEDULE, Role.CLINICIAN);
        }
        if (!open(visit, ctx)) {
            return Verdict.deny(OUTSIDE_VISIT_WINDOW, Role.CLINICIAN);
        }
        if (data == DataClass.DEMOGRAPHICS) {
            return demographics(ctx, visit.identityVerified());
        }
        if (!visit.identityVerified()) {
            return Verdict.deny(IDENTITY_NOT_VERIFIED, Role.CLINICIAN);
        }
        if (mfaStale(principal, ctx)) {
            return Verdict.deny(STEP_UP_REQUIRED, Role.CLINICIAN);
        }
        return Verdict.allow(CARE_TEAM_VISIT_WINDOW, Role.CLINICIAN);
    }

    /**
     * Demographics inside an open window: as they are once the identity step is done; before it the
     * identity data points are masked for reading (the verifier is not shown what they verify against)
     * and cannot be changed.
     */
    private static Verdict demographics(AccessContext ctx, boolean identityVerified) {
        if (identityVerified) {
            return Verdict.allow(CARE_TEAM_VISIT_WINDOW, Role.CLINICIAN);
        }
        return ctx.request().intent() == Intent.READ
                ? Verdict.allowMasked(CARE_TEAM_VISIT_WINDOW, Role.CLINICIAN)
                : Verdict.deny(IDENTITY_STEP_PENDING, Role.CLINICIAN);
    }

    /** Whether the principal is the patient's clinician in this request (see {@link #decide}). */
    private static boolean involved(AccessContext ctx, WorkforcePrincipal principal) {
        VisitFacts visit = ctx.visit();
        if (visit != null) {
            return visit.clinicianIds().contains(principal.id());
        }
        UUID patientId = patientOf(ctx.request(), null);
        return patientId != null && mine(ctx, principal, patientId).stream().anyMatch(v -> open(v, ctx));
    }

    /** The principal's visits with the patient among those the decision point gathered. */
    private static List<VisitFacts> mine(AccessContext ctx, WorkforcePrincipal principal, UUID patientId) {
        return ctx.visitsWithPatient().stream()
                .filter(v -> v.patientId().equals(patientId) && v.clinicianIds().contains(principal.id()))
                .toList();
    }

    /** Not closed and {@code now} within [start - before, end + after], both ends included. */
    static boolean open(VisitFacts visit, AccessContext ctx) {
        if (visit.closed()) {
            return false;
        }
        Instant from = visit.start().minus(ctx.settings().windowBeforeStart());
        Instant until = visit.end().plus(ctx.settings().windowAfterEnd());
        return !ctx.now().isBefore(from) && !ctx.now().isAfter(until);
    }

    private static boolean mfaStale(WorkforcePrincipal principal, AccessContext ctx) {
        Instant mfaAt = principal.mfaAt();
        return mfaAt == null || mfaAt.isBefore(ctx.now().minus(ctx.settings().clinicalMfaMaxAge()));
    }

    /** The role reported for decisions taken before any role rule (rules 2 to 4). */
    static @Nullable Role mostSpecificRole(Set<Role> roles) {
        for (Role role : List.of(Role.CLINICIAN, Role.STAFF, Role.ADMIN, Role.SECURITY_OFFICER, Role.AUDITOR)) {
            if (roles.contains(role)) {
                return role;
            }
        }
        return null;
    }

    /** The patient a request is about: its own, or that of the visit it names. */
    static @Nullable UUID patientOf(AccessRequest request, @Nullable VisitFacts visit) {
        if (request.patientId() != null) {
            return request.patientId().value();
        }
        return visit == null ? null : visit.patientId();
    }
}
