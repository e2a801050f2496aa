package health.securevisit.risk.internal;

import health.securevisit.platform.EgressStateChanged;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Opens scenarios when the system sees a new risk: a vendor's BAA lapses (the egress gate refuses an
 * integration), and, at start and whenever the map is drawn, a new PHI flow or a flow that lost its
 * encryption.
 */
@Component
class RiskTriggers {

    private final RiskService risks;
    private final FlowMaps maps;

    RiskTriggers(RiskService risks, FlowMaps maps) {
        this.risks = risks;
        this.maps = maps;
    }

    @ApplicationModuleListener
    void on(EgressStateChanged event) {
        if (!event.permitted()) {
            risks.openAutomatically(
                    "vendor-breach",
                    "vendor:" + event.vendor(),
                    "BAA of vendor " + event.vendor() + " is "
                            + event.standing().name().toLowerCase(java.util.Locale.ROOT) + ": " + event.integration()
                            + " held back",
                    "auto:baa-lapsed",
                    "baa-lapsed:" + event.vendor());
        }
    }

    @EventListener(ApplicationReadyEvent.class)
    void atStart() {
        risks.watch(maps.current());
    }
}
