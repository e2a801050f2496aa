package health.securevisit.access.internal;

import health.securevisit.platform.EgressStateChanged;
import java.util.UUID;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Raises a security alert when the egress gate starts refusing an integration (its vendor's BAA is no
 * longer current). The event arrives through the event publication registry, so a restart keeps it.
 */
@Component
class EgressAlerts {

    static final String EGRESS_REFUSED = "egress-refused";

    private final SecurityAlerts alerts;

    EgressAlerts(SecurityAlerts alerts) {
        this.alerts = alerts;
    }

    @ApplicationModuleListener
    void on(EgressStateChanged event) {
        if (!event.permitted()) {
            alerts.insert(new SecurityAlerts.Alert(
                    UUID.randomUUID(), EGRESS_REFUSED, "HIGH", null, null, null, event.at(), "OPEN"));
        }
    }
}
