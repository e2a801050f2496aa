package health.securevisit.platform;

import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where a node keeps the state that must be shared when several nodes serve behind one load
 * balancer ({@code docs/cluster.md}). Every part defaults to this node's memory (the single-node
 * embedded default); {@code SECUREVISIT_CLUSTER_SESSIONS=redis} and so on turn a part into shared state.
 *
 * @param sessions workforce HTTP sessions: {@code memory} (the servlet container's), {@code redis} or
 *     {@code postgresql} (Spring Session; PostgreSQL needs {@code SECUREVISIT_DB_URL})
 * @param throttles sign-in, join and other throttles: {@code memory}, {@code redis} or {@code postgresql}
 * @param relay room signaling fan-out: {@code memory} or {@code redis} (pub/sub)
 * @param redisUrl the Redis server ({@code redis://} or {@code rediss://} for TLS)
 * @param keyPrefix the prefix of every Redis key and channel of this deployment
 * @param redisTimeout how long a Redis command may take before the request fails closed
 */
@ConfigurationProperties("securevisit.cluster")
public record ClusterSettings(
        @DefaultValue("memory") Store sessions,
        @DefaultValue("memory") Store throttles,
        @DefaultValue("memory") Store relay,
        @DefaultValue("redis://127.0.0.1:6379") URI redisUrl,
        @DefaultValue("securevisit") String keyPrefix,
        @DefaultValue("2s") Duration redisTimeout) {

    /** Where a part keeps its state. */
    public enum Store {
        MEMORY,
        REDIS,
        POSTGRESQL
    }

    public ClusterSettings {
        if (relay == Store.POSTGRESQL) {
            throw new IllegalArgumentException("securevisit.cluster.relay is memory or redis");
        }
        if (!keyPrefix.matches("[A-Za-z0-9_.-]{1,64}")) {
            throw new IllegalArgumentException("securevisit.cluster.key-prefix: 1-64 letters, digits, _ . -");
        }
        if (!redisTimeout.isPositive()) {
            throw new IllegalArgumentException("securevisit.cluster.redis-timeout must be positive");
        }
    }

    /** Whether any part keeps its state in Redis. */
    public boolean usesRedis() {
        return sessions == Store.REDIS || throttles == Store.REDIS || relay == Store.REDIS;
    }
}
