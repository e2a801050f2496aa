package health.securevisit.room.internal;

import health.securevisit.room.RoomRelay;
import java.util.Collection;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * The relay of a single node: {@link #send} delivers at once to this node's sockets. A relay for several
 * nodes (Redis pub/sub, RabbitMQ) is another {@link RoomRelay} bean marked {@code @Primary}, which takes this one's place.
 */
@Component
class InMemoryRoomRelay implements RoomRelay {

    private volatile @Nullable Delivery delivery;

    @Override
    public void send(UUID visitId, Collection<UUID> recipients, String frame) {
        Delivery d = delivery;
        if (d != null) {
            d.deliver(visitId, recipients, frame);
        }
    }

    @Override
    public void subscribe(Delivery delivery) {
        this.delivery = delivery;
    }
}
