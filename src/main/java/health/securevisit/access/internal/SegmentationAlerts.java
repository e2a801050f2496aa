package health.securevisit.access.internal;

import health.securevisit.segmentation.SegmentationBreached;
import java.util.UUID;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Raises a security alert when the segmentation self-test reached a target the policy forbids. The
 * event arrives through the event publication registry, so a restart keeps it.
 */
@Component
class SegmentationAlerts {

    static final String SEGMENTATION_BREACH = "segmentation-breach";

    private final SecurityAlerts alerts;

    SegmentationAlerts(SecurityAlerts alerts) {
        this.alerts = alerts;
    }

    @ApplicationModuleListener
    void on(SegmentationBreached event) {
        alerts.insert(new SecurityAlerts.Alert(
                UUID.randomUUID(), SEGMENTATION_BREACH, "HIGH", null, null, null, event.at(), "OPEN"));
    }
}
