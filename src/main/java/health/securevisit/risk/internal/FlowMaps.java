package health.securevisit.risk.internal;

import health.securevisit.platform.Egress;
import health.securevisit.platform.EgressGate;
import health.securevisit.platform.PhiFlowContributor;
import health.securevisit.platform.PhiFlowMap;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Builds the PHI data-flow map from the running configuration: every {@link PhiFlowContributor} bean
 * adds its part, and every integration registered with the egress gate adds an edge from the server
 * to its vendor. Nothing about any module or integration is written here.
 */
@Component
public class FlowMaps {

    private final List<PhiFlowContributor> contributors;
    private final EgressGate gate;

    FlowMaps(List<PhiFlowContributor> contributors, EgressGate gate) {
        this.contributors = contributors;
        this.gate = gate;
    }

    public PhiFlowMap current() {
        PhiFlowMap.Builder map = PhiFlowMap.builder();
        contributors.forEach(c -> c.contribute(map));
        for (Egress e : gate.registered()) {
            String to = e.selfHosted() ? "service:" + e.integration() : "vendor:" + e.vendor();
            if (e.selfHosted()) {
                map.node(to, e.integration() + " (self-hosted)", PhiFlowMap.Kind.MODULE, null, "transmitted");
            } else {
                map.node(to, e.vendor(), PhiFlowMap.Kind.VENDOR, null, "received");
            }
            map.edge("module:server", to, e.carries(), e.transport(), e.integration());
        }
        return map.build();
    }

    /** Edges that leave this process without encryption in transit. */
    public static List<PhiFlowMap.Edge> findings(PhiFlowMap map) {
        return map.edges().stream()
                .filter(e -> !e.transport().protectedInTransit())
                .toList();
    }
}
