package health.securevisit.access.internal;

import health.securevisit.access.AccessRequest;
import health.securevisit.access.DevicePosture;
import health.securevisit.access.InvestigationFacts;
import health.securevisit.access.TrainingStatus;
import health.securevisit.access.VisitFacts;
import health.securevisit.identity.WorkforcePrincipal;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Everything one decision rests on, gathered by the decision point before {@link Rules} decide.
 *
 * @param principal the signed-in principal, or null when none
 * @param request what is asked
 * @param now the time of the decision
 * @param posture the device posture
 * @param training the training status
 * @param visit the visit named by the request (its facts as passed, or as looked up), or null when
 *     none was named or it does not exist
 * @param visitsWithPatient the principal's visits with the request's patient (asked only for a
 *     clinician naming a patient and no visit, or scheduling a visit; empty otherwise)
 * @param breakGlassActive whether the principal holds an unexpired break-glass grant for the patient
 * @param settings the access settings
 * @param deviceChecks the posture checks the device fails (empty when compliant or unknown)
 * @param deviceTiers which actions a device failing which checks may perform
 * @param investigation the incident's facts for the request's patient, when the request is made for an
 *     incident and the principal is a security officer; null otherwise or when the incident does not
 *     exist
 */
public record AccessContext(
        @Nullable WorkforcePrincipal principal,
        AccessRequest request,
        Instant now,
        DevicePosture posture,
        TrainingStatus training,
        @Nullable VisitFacts visit,
        List<VisitFacts> visitsWithPatient,
        boolean breakGlassActive,
        AccessSettings settings,
        List<String> deviceChecks,
        DeviceTiers deviceTiers,
        @Nullable InvestigationFacts investigation) {

    /** A context made for no incident. */
    public AccessContext(
            @Nullable WorkforcePrincipal principal,
            AccessRequest request,
            Instant now,
            DevicePosture posture,
            TrainingStatus training,
            @Nullable VisitFacts visit,
            List<VisitFacts> visitsWithPatient,
            boolean breakGlassActive,
            AccessSettings settings,
            List<String> deviceChecks,
            DeviceTiers deviceTiers) {
        this(
                principal,
                request,
                now,
                posture,
                training,
                visit,
                visitsWithPatient,
                breakGlassActive,
                settings,
                deviceChecks,
                deviceTiers,
                null);
    }

    /** A context without failing device checks, under the default device tiers. */
    public AccessContext(
            @Nullable WorkforcePrincipal principal,
            AccessRequest request,
            Instant now,
            DevicePosture posture,
            TrainingStatus training,
            @Nullable VisitFacts visit,
            List<VisitFacts> visitsWithPatient,
            boolean breakGlassActive,
            AccessSettings settings) {
        this(
                principal,
                request,
                now,
                posture,
                training,
                visit,
                visitsWithPatient,
                breakGlassActive,
                settings,
                List.of(),
                DeviceTiers.defaults());
    }

    /** The same context with an active break-glass grant for the patient. */
    AccessContext withBreakGlass() {
        return new AccessContext(
                principal,
                request,
                now,
                posture,
                training,
                visit,
                visitsWithPatient,
                true,
                settings,
                deviceChecks,
                deviceTiers,
                investigation);
    }

    public AccessContext {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(now, "now");
        Objects.requireNonNull(posture, "posture");
        Objects.requireNonNull(training, "training");
        visitsWithPatient = List.copyOf(visitsWithPatient);
        Objects.requireNonNull(settings, "settings");
        deviceChecks = List.copyOf(deviceChecks);
        Objects.requireNonNull(deviceTiers, "deviceTiers");
    }
}
