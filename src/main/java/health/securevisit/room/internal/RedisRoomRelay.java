package health.securevisit.room.internal;

import health.securevisit.platform.ClusterSettings;
import health.securevisit.room.RoomRelay;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Primary;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.listener.ChannelTopic;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;
import org.springframework.stereotype.Component;

/**
 * The room relay of a cluster: every frame is published on the Redis channel {@code <prefix>:room}
 * and each node (this one too) delivers it to the recipients seated on it. Redis pub/sub keeps the
 * order of one publisher's messages, so frames of one sender to one recipient keep their order; a
 * node that is not subscribed at that moment misses the frame (its sockets reconnect after a Redis
 * outage). Frames carry ids and signaling data, never PHI (chat text travels as in a socket: inside
 * the deployment's own Redis, which must be on a private network with TLS).
 */
@Component
@Primary
@ConditionalOnProperty(name = "securevisit.cluster.relay", havingValue = "redis")
class RedisRoomRelay implements RoomRelay, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(RedisRoomRelay.class);

    private final StringRedisTemplate redis;
    private final String channel;
    private final RedisMessageListenerContainer container = new RedisMessageListenerContainer();
    private volatile @Nullable Delivery delivery;

    RedisRoomRelay(StringRedisTemplate redis, RedisConnectionFactory connections, ClusterSettings settings) {
        this.redis = redis;
        this.channel = settings.keyPrefix() + ":room";
        container.setConnectionFactory(connections);
        container.addMessageListener(
                (message, pattern) -> received(new String(message.getBody(), StandardCharsets.UTF_8)),
                new ChannelTopic(channel));
        container.afterPropertiesSet();
        container.start();
    }

    @Override
    public void send(UUID visitId, Collection<UUID> recipients, String frame) {
        if (recipients.isEmpty()) {
            return;
        }
        StringBuilder ids = new StringBuilder();
        for (UUID r : recipients) {
            ids.append(ids.isEmpty() ? "" : ",").append(r);
        }
        redis.convertAndSend(channel, visitId + "\n" + ids + "\n" + frame);
    }

    @Override
    public void subscribe(Delivery delivery) {
        this.delivery = delivery;
    }

    private void received(String message) {
        Delivery d = delivery;
        String[] parts = message.split("\n", 3);
        if (d == null || parts.length != 3) {
            return;
        }
        try {
            List<UUID> recipients = new ArrayList<>();
            for (String id : parts[1].split(",")) {
                recipients.add(UUID.fromString(id));
            }
            d.deliver(UUID.fromString(parts[0]), recipients, parts[2]);
        } catch (IllegalArgumentException malformed) {
            log.warn("dropped a malformed room relay message");
        }
    }

    @Override
    public void destroy() throws Exception {
        container.stop();
        container.destroy();
    }
}
