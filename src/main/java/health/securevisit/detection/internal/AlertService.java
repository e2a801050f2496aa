package health.securevisit.detection.internal;

import health.securevisit.audit.Outcome;
import health.securevisit.detection.AlertStatus;
import health.securevisit.detection.DetectionFailure;
import health.securevisit.detection.ResponseAudit;
import health.securevisit.detection.SecurityAlert;
import health.securevisit.detection.SecurityAlerts;
import health.securevisit.identity.WorkforceDirectory;
import java.time.Clock;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;

/** The console's alert work: list and filter, open, move through the states, assign; each audited. */
@Service
public class AlertService implements SecurityAlerts {

    static final String LIST = "security-alert.list";
    static final String READ = "security-alert.read";
    static final String UPDATE = "security-alert.update";
    static final String ASSIGN = "security-alert.assign";

    private final AlertStore store;
    private final ResponseAudit audit;
    private final WorkforceDirectory directory;
    private final Clock clock;

    AlertService(AlertStore store, ResponseAudit audit, WorkforceDirectory directory, Clock clock) {
        this.store = store;
        this.audit = audit;
        this.directory = directory;
        this.clock = clock;
    }

    public AlertStore.Page list(AlertStore.Filter filter) {
        AlertStore.Page page = store.page(filter);
        audit.record(LIST, Outcome.SUCCESS, "security-review", "security-alert", null);
        return page;
    }

    /** The alert with its linked entries, audited. */
    public SecurityAlert open(UUID id) {
        SecurityAlert alert = store.find(id).orElse(null);
        if (alert == null) {
            audit.record(READ, Outcome.ERROR, "alert-not-found", "security-alert", id.toString());
            throw DetectionFailure.alertNotFound();
        }
        audit.record(READ, Outcome.SUCCESS, "security-review", "security-alert", id.toString());
        return alert;
    }

    @Override
    public Optional<SecurityAlert> find(UUID id) {
        return store.find(id);
    }

    /** Moves the alert to {@code to}; refused (and audited as denied) when the state machine forbids it. */
    public SecurityAlert transition(UUID id, AlertStatus to) {
        SecurityAlert alert = store.find(id).orElseThrow(DetectionFailure::alertNotFound);
        if (!alert.status().next().contains(to) || !store.transition(id, alert.status(), to, clock.instant())) {
            audit.record(UPDATE, Outcome.DENIED, "transition-refused", "security-alert", id.toString());
            throw DetectionFailure.badTransition(alert.status(), to);
        }
        audit.record(UPDATE, Outcome.SUCCESS, to.name(), "security-alert", id.toString());
        return store.find(id).orElseThrow(DetectionFailure::alertNotFound);
    }

    /** Assigns the alert to an enabled account (or nobody). */
    public SecurityAlert assign(UUID id, @Nullable UUID assignee) {
        store.find(id).orElseThrow(DetectionFailure::alertNotFound);
        if (assignee != null && !directory.isActive(assignee)) {
            audit.record(ASSIGN, Outcome.DENIED, "account-unknown", "security-alert", id.toString());
            throw DetectionFailure.unknownAccount();
        }
        store.assign(id, assignee, clock.instant());
        audit.record(
                ASSIGN, Outcome.SUCCESS, assignee == null ? "unassigned" : "assigned", "security-alert", id.toString());
        return store.find(id).orElseThrow(DetectionFailure::alertNotFound);
    }
}
