package health.securevisit.incident.internal;

import health.securevisit.access.IncidentId;
import health.securevisit.access.InvestigationFacts;
import health.securevisit.access.Investigations;
import health.securevisit.access.PatientId;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Answers the access decision point about an incident: open or closed, whether a patient is in its
 * computed set (rows written only from the audit trail's answer, {@link IncidentService#computePatients}),
 * and whether its assessment requires notices. Reads inside the caller's transaction, so a set being
 * computed counts.
 */
@Component
class IncidentInvestigations implements Investigations {

    private final IncidentStore store;

    IncidentInvestigations(IncidentStore store) {
        this.store = store;
    }

    @Override
    public Optional<InvestigationFacts> facts(IncidentId incident, PatientId patient) {
        return store.find(incident.value())
                .map(i -> new InvestigationFacts(
                        incident,
                        IncidentService.OPEN.equals(i.status()),
                        store.hasSubject(
                                incident.value(), "PATIENT", patient.value().toString()),
                        BreachRules.Verdict.REPORTABLE.name().equals(i.verdict())));
    }
}
