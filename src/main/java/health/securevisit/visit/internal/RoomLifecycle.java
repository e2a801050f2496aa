package health.securevisit.visit.internal;

import health.securevisit.audit.Outcome;
import health.securevisit.identity.WorkforcePrincipal;
import health.securevisit.visit.VisitLifecycle;
import health.securevisit.visit.VisitSnapshot;
import java.time.Clock;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/** The lifecycle steps of the live visit (see {@link VisitLifecycle}). */
@Service
class RoomLifecycle implements VisitLifecycle {

    static final String CALL_START = "visit.call-start";
    static final String END = "visit.end";

    private final Visits visits;
    private final VisitAudit audit;
    private final VisitEvents events;
    private final TransactionTemplate transactions;
    private final Clock clock;

    RoomLifecycle(Visits visits, VisitAudit audit, VisitEvents events, TransactionTemplate transactions, Clock clock) {
        this.visits = visits;
        this.audit = audit;
        this.events = events;
        this.transactions = transactions;
        this.clock = clock;
    }

    @Override
    public Optional<VisitSnapshot> find(UUID visitId) {
        return visits.find(visitId).map(RoomLifecycle::snapshot);
    }

    @Override
    public VisitSnapshot startCall(UUID visitId, WorkforcePrincipal by) {
        return move(visitId, by, VisitStatus.IN_PROGRESS, CALL_START);
    }

    @Override
    public VisitSnapshot end(UUID visitId, WorkforcePrincipal by) {
        return move(visitId, by, VisitStatus.ENDED, END);
    }

    private VisitSnapshot move(UUID visitId, WorkforcePrincipal by, VisitStatus to, String action) {
        boolean[] changed = {false};
        Visit visit = transactions.execute(tx -> {
            Visit current = visits.find(visitId).orElseThrow(VisitException::notFound);
            if (current.status() == to) {
                return current;
            }
            if (to == VisitStatus.IN_PROGRESS && !current.identityVerified()) {
                audit.byWorkforce(by, action, Outcome.DENIED, VisitException.IDENTITY_NOT_VERIFIED, current);
                throw VisitException.identityNotVerified();
            }
            try {
                current.moveTo(to);
            } catch (VisitException refused) {
                audit.byWorkforce(by, action, Outcome.DENIED, refused.code(), current);
                throw refused;
            }
            visits.update(current, clock.instant());
            audit.byWorkforce(by, action, Outcome.SUCCESS, to.name().toLowerCase(java.util.Locale.ROOT), current);
            changed[0] = true;
            return current;
        });
        if (changed[0]) {
            events.changed(visit);
        }
        return snapshot(visit);
    }

    static VisitSnapshot snapshot(Visit visit) {
        return new VisitSnapshot(
                visit.id(),
                visit.patientId(),
                visit.clinicianIds(),
                visit.start(),
                visit.end(),
                visit.status().name(),
                visit.identityVerified());
    }
}
