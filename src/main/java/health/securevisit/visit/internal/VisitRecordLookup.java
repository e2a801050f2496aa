package health.securevisit.visit.internal;

import health.securevisit.visit.VisitLookup;
import health.securevisit.visit.VisitRecordFacts;
import java.util.EnumSet;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Component;

/** {@link VisitLookup} over the visit table. */
@Component
class VisitRecordLookup implements VisitLookup {

    private static final EnumSet<VisitStatus> FINAL =
            EnumSet.of(VisitStatus.ENDED, VisitStatus.CANCELLED, VisitStatus.NO_SHOW);

    private final Visits visits;

    VisitRecordLookup(Visits visits) {
        this.visits = visits;
    }

    @Override
    public Optional<VisitRecordFacts> find(UUID visitId) {
        return visits.find(visitId)
                .map(v ->
                        new VisitRecordFacts(v.facts(), v.status().name(), FINAL.contains(v.status()), v.createdAt()));
    }
}
