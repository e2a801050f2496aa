package health.securevisit.access.internal;

import health.securevisit.platform.EgressStateChanged;
import health.securevisit.segmentation.SegmentationBreached;
import java.util.UUID;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Raises a security alert when the egress gate starts refusing an integration (its vendor's BAA is no
 * longer current), and when the segmentation self-test reached a target its policy forbids. The events
 * arrive through the event publication registry, so a restart keeps them.
 */
@Component
class EgressAlerts {

    static final String EGRESS_REFUSED = "egress-refused";
    static final String SEGMENTATION_BREACH = "segmentation-breach";

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

    @ApplicationModuleListener
    void on(SegmentationBreached event) {
        alerts.insert(new SecurityAlerts.Alert(
                UUID.randomUUID(), SEGMENTATION_BREACH, "HIGH", null, null, null, event.at(), "OPEN"));
    }
}
