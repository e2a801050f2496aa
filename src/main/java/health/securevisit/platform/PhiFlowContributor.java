package health.securevisit.platform;

/**
 * A module's or integration's part of the PHI data-flow map. Every Spring bean implementing it is
 * asked at each drawing of the map, so a new module or integration appears on the map by adding one
 * contributor, without changes to the map's code. Integrations registered with the {@link EgressGate}
 * appear without a contributor of their own (an edge from this server to their vendor).
 */
public interface PhiFlowContributor {

    /** Adds this contributor's nodes and edges, as the running configuration has them now. */
    void contribute(PhiFlowMap.Builder map);
}
