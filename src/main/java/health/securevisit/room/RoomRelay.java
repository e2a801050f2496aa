package health.securevisit.room;

import java.util.Collection;
import java.util.UUID;

/**
 * Fan-out of the room's frames to the sockets of a visit's participants, wherever they are connected.
 * The in-memory relay delivers on this node; a relay over Redis pub/sub or a RabbitMQ exchange can take
 * its place for several nodes by publishing {@link #send} and calling the subscribed {@link Delivery} of
 * each node.
 *
 * <p>Guarantees: a frame reaches only the named participants of the named visit (the room has already
 * checked that they are admitted); frames of one sender to one recipient keep their order; a recipient
 * without a socket on any node is skipped silently.
 */
public interface RoomRelay {

    /** Sends {@code frame} (a JSON text) to {@code recipients} of visit {@code visitId}. */
    void send(UUID visitId, Collection<UUID> recipients, String frame);

    /** Registers this node's delivery to its own sockets (called once, at start). */
    void subscribe(Delivery delivery);

    /** Delivers a frame to the sockets of this node. */
    @FunctionalInterface
    interface Delivery {
        void deliver(UUID visitId, Collection<UUID> recipients, String frame);
    }
}
