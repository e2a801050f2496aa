package health.securevisit.room.internal;

import org.springframework.stereotype.Component;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.ConcurrentWebSocketSessionDecorator;
import org.springframework.web.socket.handler.TextWebSocketHandler;

/**
 * The room's WebSocket endpoint ({@code /api/v1/visits/{id}/room}); the handshake interceptor has put
 * the admitted {@link RoomEntry.Entry} in the socket's attributes. Sends go through a decorator that
 * serialises them and closes a socket that falls more than 1 MiB or 10 s behind.
 */
@Component
public class RoomSocketHandler extends TextWebSocketHandler {

    /** The socket attribute holding the {@link RoomEntry.Entry} of the handshake. */
    public static final String ENTRY = RoomSocketHandler.class.getName() + ".entry";

    private static final String SEAT = RoomSocketHandler.class.getName() + ".seat";

    private final RoomSignaling signaling;
    private final int frameBuffer;

    RoomSocketHandler(RoomSignaling signaling, RoomSettings settings) {
        this.signaling = signaling;
        this.frameBuffer = Math.toIntExact(settings.frameBuffer().toBytes());
    }

    /**
     * Text frames of up to {@link RoomSettings#frameBuffer()} characters are read whole (and answered
     * {@code too-large} above {@link RoomSettings#MAX_FRAME_BYTES}); the container closes the socket with
     * 1009 on a longer one, without handing it to the room.
     */
    @Override
    public void afterConnectionEstablished(WebSocketSession session) {
        session.setTextMessageSizeLimit(frameBuffer);
        session.setBinaryMessageSizeLimit(1024);
        if (!(session.getAttributes().get(ENTRY) instanceof RoomEntry.Entry entry)) {
            throw new IllegalStateException("room socket without an entry");
        }
        var socket = new ConcurrentWebSocketSessionDecorator(
                session, 10_000, 1024 * 1024, ConcurrentWebSocketSessionDecorator.OverflowStrategy.TERMINATE);
        session.getAttributes().put(SEAT, signaling.opened(entry, socket));
    }

    @Override
    protected void handleTextMessage(WebSocketSession session, TextMessage message) {
        if (session.getAttributes().get(SEAT) instanceof Seat seat) {
            signaling.received(seat, message.getPayload());
        }
    }

    @Override
    public void afterConnectionClosed(WebSocketSession session, CloseStatus status) {
        if (session.getAttributes().get(SEAT) instanceof Seat seat) {
            signaling.closed(seat);
        }
    }

    @Override
    public void handleTransportError(WebSocketSession session, Throwable exception) {
        // The container closes the socket; afterConnectionClosed frees the seat.
    }
}
