package health.securevisit.access;

import java.util.Objects;

/**
 * What the incident module knows of an incident, for one patient, when the decision point decides an
 * {@link Investigation}.
 *
 * @param incident the incident these facts are about
 * @param open whether the incident is open (a closed incident opens nothing)
 * @param patientInScope whether the patient is in the incident's computed set: the audit trail shows
 *     that one of the incident's involved accounts touched the patient's data in the window examined
 * @param noticeRequired whether the incident's breach assessment requires notices to individuals
 *     (its verdict is reportable), which is when a per-patient list is needed
 */
public record InvestigationFacts(IncidentId incident, boolean open, boolean patientInScope, boolean noticeRequired) {

    public InvestigationFacts {
        Objects.requireNonNull(incident, "incident");
    }
}
