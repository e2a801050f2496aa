package health.securevisit.platform;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Where PHI is created, travels, is stored and deleted, as the running configuration has it: nodes
 * (people, this server's modules, stores, vendors) and directed edges with their transport security.
 *
 * @param nodes every node, by id order of first mention
 * @param edges every edge
 */
public record PhiFlowMap(List<Node> nodes, List<Edge> edges) {

    /** What a node is. */
    public enum Kind {
        PERSON,
        MODULE,
        STORE,
        VENDOR,
        DEVICE
    }

    /**
     * How a store keeps data at rest.
     *
     * @param encrypted whether what it holds is encrypted
     * @param how for example {@code AES-256-GCM per field}, or why not
     */
    public record AtRest(boolean encrypted, String how) {}

    /**
     * One node.
     *
     * @param id a stable id ({@code module:visit}, {@code store:database}, {@code vendor:acme})
     * @param label a short name
     * @param kind what it is
     * @param atRest how it keeps data at rest, when it keeps any
     * @param lifecycle what happens to PHI here: created, stored, deleted (free text codes)
     */
    public record Node(
            String id, String label, Kind kind, @Nullable AtRest atRest, List<String> lifecycle) {}

    /**
     * One directed flow.
     *
     * @param from the node sending
     * @param to the node receiving
     * @param carries what data
     * @param transport how it travels
     * @param contributor who declared it (a module or integration name)
     */
    public record Edge(String from, String to, String carries, Transport transport, String contributor) {

        /** A stable id of the flow (endpoints and data). */
        public String id() {
            return from + "->" + to + ":" + carries;
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Collects nodes (the first declaration of an id wins) and edges. */
    public static final class Builder {
        private final Map<String, Node> nodes = new LinkedHashMap<>();
        private final List<Edge> edges = new ArrayList<>();

        public Builder node(String id, String label, Kind kind, @Nullable AtRest atRest, String... lifecycle) {
            nodes.putIfAbsent(id, new Node(id, label, kind, atRest, List.of(lifecycle)));
            return this;
        }

        public Builder edge(String from, String to, String carries, Transport transport, String contributor) {
            edges.add(new Edge(from, to, carries, transport, contributor));
            return this;
        }

        /** The map; an edge to an undeclared node gets a placeholder node so nothing is hidden. */
        public PhiFlowMap build() {
            for (Edge e : edges) {
                for (String id : List.of(e.from(), e.to())) {
                    nodes.putIfAbsent(id, new Node(id, id, Kind.MODULE, null, List.of()));
                }
            }
            return new PhiFlowMap(List.copyOf(nodes.values()), List.copyOf(edges));
        }
    }
}
