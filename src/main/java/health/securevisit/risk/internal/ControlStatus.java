package health.securevisit.risk.internal;

import health.securevisit.platform.EgressGate;
import health.securevisit.platform.PhiFlowMap;
import org.springframework.stereotype.Component;

/**
 * The live status of a control where the running system can tell it: the egress gate and the BAA
 * register (from the gate's integrations), encryption in transit (from the data-flow map). Other
 * controls are enforced by code on every request and show as {@code built-in}.
 */
@Component
public class ControlStatus {

    /** One control as the report shows it. */
    public record Live(String id, String description, String status, String detail) {}

    private final EgressGate gate;
    private final ThreatCatalog catalog;

    ControlStatus(EgressGate gate, ThreatCatalog catalog) {
        this.gate = gate;
        this.catalog = catalog;
    }

    public Live of(String control, PhiFlowMap map) {
        String description = catalog.controls().getOrDefault(control, control);
        return switch (control) {
            case "egress-gate", "baa-register" -> {
                var statuses = gate.statuses();
                long refused = statuses.stream().filter(s -> !s.permitted()).count();
                yield new Live(
                        control,
                        description,
                        refused == 0 ? "ok" : "attention",
                        statuses.size() + " outbound integration(s), " + refused + " held back by the gate");
            }
            case "tls-only" -> {
                int open = FlowMaps.findings(map).size();
                yield new Live(
                        control,
                        description,
                        open == 0 ? "ok" : "attention",
                        open == 0
                                ? "every flow on the map is encrypted in transit"
                                : open + " flow(s) without encryption");
            }
            default -> new Live(control, description, "built-in", "enforced by the server on every request");
        };
    }
}
