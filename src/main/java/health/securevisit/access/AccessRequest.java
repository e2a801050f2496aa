package health.securevisit.access;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What the current principal asks to do. The decision point adds who (the signed-in principal, its
 * roles, MFA method and age), when, device posture and training status itself.
 *
 * @param action the audited action, a stable dotted code such as {@code chart.read}
 * @param dataClass the kind of data touched
 * @param intent read, change, create or check in
 * @param resourceType the kind of resource ({@code patient}, {@code visit}, {@code chart} ...)
 * @param resourceId its id (for a creation: the id it will have), or null for a collection
 * @param patientId the patient whose data is touched, or null when none
 * @param visitId the visit through which it is touched, or null
 * @param visit the facts of that visit as the caller just read them (for a creation: the visit as it
 *     will be stored); when null and {@code visitId} is given, the decision point asks the
 *     {@link CareRelationships} for them
 * @param investigation the incident the request is made for (purpose of use), or null; its facts are
 *     asked of the {@link Investigations}
 */
public record AccessRequest(
        String action,
        DataClass dataClass,
        Intent intent,
        String resourceType,
        @Nullable String resourceId,
        @Nullable PatientId patientId,
        @Nullable VisitId visitId,
        @Nullable VisitFacts visit,
        @Nullable Investigation investigation) {

    public AccessRequest {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(dataClass, "dataClass");
        Objects.requireNonNull(intent, "intent");
        Objects.requireNonNull(resourceType, "resourceType");
        if (visit != null && (visitId == null || !visit.visitId().equals(visitId.value()))) {
            throw new IllegalArgumentException("the visit facts must be those of visitId");
        }
    }

    /** A request made for no incident. */
    public AccessRequest(
            String action,
            DataClass dataClass,
            Intent intent,
            String resourceType,
            @Nullable String resourceId,
            @Nullable PatientId patientId,
            @Nullable VisitId visitId,
            @Nullable VisitFacts visit) {
        this(action, dataClass, intent, resourceType, resourceId, patientId, visitId, visit, null);
    }

    /**
     * A patient's state of residence, read for an incident (resource {@code incident} / its id; audited
     * with purpose compliance).
     */
    public static AccessRequest forIncident(String action, Investigation investigation, PatientId patient) {
        return new AccessRequest(
                action,
                DataClass.RESIDENCE,
                Intent.READ,
                "incident",
                investigation.incident().toString(),
                patient,
                null,
                null,
                investigation);
    }

    /** A collection, or a resource decided at role level (no patient, no visit). */
    public static AccessRequest collection(
            String action, DataClass dataClass, String resourceType, @Nullable String resourceId) {
        return new AccessRequest(action, dataClass, Intent.READ, resourceType, resourceId, null, null, null);
    }

    /** A patient's data, outside any visit (the resource is the patient). */
    public static AccessRequest patient(String action, DataClass dataClass, Intent intent, PatientId patient) {
        return new AccessRequest(action, dataClass, intent, "patient", patient.toString(), patient, null, null);
    }

    /** Data of the visit whose facts the caller has just read. */
    public static AccessRequest visit(
            String action, DataClass dataClass, Intent intent, String resourceType, VisitFacts visit) {
        VisitId id = VisitId.of(visit.visitId());
        return new AccessRequest(
                action, dataClass, intent, resourceType, id.toString(), PatientId.of(visit.patientId()), id, visit);
    }
}
