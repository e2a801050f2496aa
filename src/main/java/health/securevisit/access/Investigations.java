package health.securevisit.access;

import java.util.Optional;

/**
 * Incident facts the decision point asks about; implemented by the incident module (which owns
 * incidents and their computed patient sets), so that access does not depend on it.
 */
public interface Investigations {

    /** The facts of {@code incident} for {@code patient}, or empty when the incident does not exist. */
    Optional<InvestigationFacts> facts(IncidentId incident, PatientId patient);
}
