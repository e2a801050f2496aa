package health.securevisit.hub.internal;

import health.securevisit.network.TlsPolicy;
import health.securevisit.platform.PhiFlowContributor;
import health.securevisit.platform.PhiFlowMap;
import health.securevisit.platform.Transport;
import org.springframework.stereotype.Component;

/**
 * The hub's part of the PHI data-flow map: home health hubs send vital signs to the server's
 * mutual-TLS listener, each with its own client certificate from the hub CA.
 */
@Component
class HubFlows implements PhiFlowContributor {

    @Override
    public void contribute(PhiFlowMap.Builder map) {
        map.node("device:hub", "Home health hubs", PhiFlowMap.Kind.DEVICE, null, "created")
                .edge(
                        "device:hub",
                        "module:server",
                        "vital signs (PHI)",
                        Transport.mutualTls(String.join(", ", TlsPolicy.PROTOCOLS)),
                        "hub");
    }
}
