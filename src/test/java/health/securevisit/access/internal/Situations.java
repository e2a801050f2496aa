package health.securevisit.access.internal;

import health.securevisit.access.AccessRequest;
import health.securevisit.access.DataClass;
import health.securevisit.access.DevicePosture;
import health.securevisit.access.IncidentId;
import health.securevisit.access.Intent;
import health.securevisit.access.Investigation;
import health.securevisit.access.InvestigationFacts;
import health.securevisit.access.PatientId;
import health.securevisit.access.TrainingStatus;
import health.securevisit.access.VisitFacts;
import health.securevisit.access.VisitId;
import health.securevisit.identity.Role;
import health.securevisit.identity.WorkforcePrincipal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Test fixture for the rule table: one clinician {@link #ME}, another clinician, a patient with a
 * 30-minute visit of each, and builders for the context of a decision.
 */
final class Situations {

    static final UUID ME = UUID.fromString("00000000-0000-0000-0000-00000000c001");
    static final UUID OTHER_CLINICIAN = UUID.fromString("00000000-0000-0000-0000-00000000c002");
    static final UUID PATIENT = UUID.fromString("00000000-0000-0000-0000-00000000a001");
    static final UUID OTHER_PATIENT = UUID.fromString("00000000-0000-0000-0000-00000000a002");
    static final UUID MY_VISIT = UUID.fromString("00000000-0000-0000-0000-00000000b001");
    static final UUID THEIR_VISIT = UUID.fromString("00000000-0000-0000-0000-00000000b002");
    static final UUID MISSING_VISIT = UUID.fromString("00000000-0000-0000-0000-00000000b0ff");
    static final UUID INCIDENT = UUID.fromString("00000000-0000-0000-0000-00000000e001");
    static final UUID OTHER_INCIDENT = UUID.fromString("00000000-0000-0000-0000-00000000e002");
    static final Instant START = Instant.parse("2026-03-02T10:00:00Z");
    static final Instant END = START.plus(Duration.ofMinutes(30));
    static final Instant DURING = START.plus(Duration.ofMinutes(5));
    static final Instant WINDOW_OPENS = START.minus(Duration.ofMinutes(15));
    static final Instant WINDOW_CLOSES = END.plus(Duration.ofHours(24));

    private Situations() {}

    static VisitFacts myVisit(boolean verified, boolean closed) {
        return new VisitFacts(MY_VISIT, PATIENT, Set.of(ME), START, END, verified, closed);
    }

    static VisitFacts theirVisit() {
        return new VisitFacts(THEIR_VISIT, PATIENT, Set.of(OTHER_CLINICIAN), START, END, true, false);
    }

    static WorkforcePrincipal principal(Instant mfaAt, Role... roles) {
        return new WorkforcePrincipal(
                ME, "me", Set.of(roles), mfaAt.minus(Duration.ofMinutes(1)), "totp", mfaAt, "session-ref");
    }

    /** A mutable builder of one decision's context; defaults: during my verified visit, fresh MFA. */
    static final class Ctx {
        @Nullable
        WorkforcePrincipal principal;

        DataClass data = DataClass.CLINICAL;
        Intent intent = Intent.READ;

        @Nullable
        UUID patientId = PATIENT;

        @Nullable
        UUID visitId = MY_VISIT;

        @Nullable
        VisitFacts visit = myVisit(true, false);

        List<VisitFacts> visitsWithPatient = List.of();
        Instant now = DURING;
        DevicePosture posture = DevicePosture.UNKNOWN;
        TrainingStatus training = TrainingStatus.UNKNOWN;
        boolean breakGlass;

        @Nullable
        Investigation investigation;

        @Nullable
        InvestigationFacts investigationFacts;
        // Unknown device posture allowed, as before the device module: the rows of rules 2 and 3 set it.
        AccessSettings settings = settings("ALLOW", "ALLOW");

        Ctx as(Role... roles) {
            principal = principal(now.minus(Duration.ofMinutes(1)), roles);
            return this;
        }

        Ctx mfaAgo(Duration age) {
            WorkforcePrincipal p = principal;
            principal = new WorkforcePrincipal(
                    p.id(), p.username(), p.roles(), p.signedInAt(), p.mfaMethod(), now.minus(age), p.sessionRef());
            return this;
        }

        Ctx data(DataClass value) {
            data = value;
            return this;
        }

        Ctx intent(Intent value) {
            intent = value;
            return this;
        }

        Ctx at(Instant value) {
            now = value;
            if (principal != null && principal.mfaAt() != null) {
                principal = principal.withMfa("totp", value.minus(Duration.ofMinutes(1)));
            }
            return this;
        }

        Ctx through(@Nullable UUID visitIdValue, @Nullable VisitFacts visitValue) {
            visitId = visitIdValue;
            visit = visitValue;
            return this;
        }

        Ctx patientOnly(List<VisitFacts> visits) {
            visitId = null;
            visit = null;
            visitsWithPatient = visits;
            return this;
        }

        /** The principal's visits with the patient, keeping the named visit (a creation). */
        Ctx patientOnlyKeepVisit(List<VisitFacts> visits) {
            visitsWithPatient = visits;
            return this;
        }

        Ctx patient(@Nullable UUID value) {
            patientId = value;
            return this;
        }

        /** A request made for incident {@code INCIDENT}, whose facts for the patient are {@code facts}. */
        Ctx forIncident(Investigation.Disclosure disclosure, @Nullable InvestigationFacts facts) {
            investigation = new Investigation(IncidentId.of(INCIDENT), disclosure);
            investigationFacts = facts;
            data = DataClass.RESIDENCE;
            visitId = null;
            visit = null;
            return this;
        }

        Ctx breakGlass() {
            breakGlass = true;
            return this;
        }

        Ctx posture(DevicePosture value) {
            posture = value;
            return this;
        }

        Ctx training(TrainingStatus value) {
            training = value;
            return this;
        }

        Ctx unknownMeans(String device, String trainingValue) {
            settings = settings(device, trainingValue);
            return this;
        }

        AccessContext build() {
            String resourceId = visitId != null ? visitId.toString() : patientId != null ? patientId.toString() : null;
            return new AccessContext(
                    principal,
                    new AccessRequest(
                            "test.read",
                            data,
                            intent,
                            "test",
                            resourceId,
                            patientId == null ? null : PatientId.of(patientId),
                            visitId == null ? null : VisitId.of(visitId),
                            null,
                            investigation),
                    now,
                    posture,
                    training,
                    visit,
                    visitsWithPatient,
                    breakGlass,
                    settings,
                    List.of(),
                    DeviceTiers.defaults(),
                    investigationFacts);
        }

        Verdict decide() {
            return Rules.decide(build());
        }
    }

    /** The default settings but for what unknown device posture and training mean. */
    static AccessSettings settings(String unknownDevice, String unknownTraining) {
        AccessSettings d = AccessSettings.defaults();
        return new AccessSettings(
                d.windowBeforeStart(),
                d.windowAfterEnd(),
                d.clinicalMfaMaxAge(),
                d.breakGlassDuration(),
                d.breakGlassMfaMaxAge(),
                d.breakGlassMinReason(),
                unknownDevice,
                unknownTraining);
    }

    /** A read request with the given ids (the decision point looks the visit's facts up). */
    static AccessRequest request(
            String action,
            DataClass data,
            String resourceType,
            @Nullable String resourceId,
            @Nullable UUID patient,
            @Nullable UUID visit) {
        return new AccessRequest(
                action,
                data,
                Intent.READ,
                resourceType,
                resourceId,
                patient == null ? null : PatientId.of(patient),
                visit == null ? null : VisitId.of(visit),
                null);
    }

    static Ctx ctx() {
        return new Ctx();
    }
}
