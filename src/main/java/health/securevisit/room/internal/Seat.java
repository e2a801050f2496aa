package health.securevisit.room.internal;

import java.io.IOException;
import java.time.Instant;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;

/**
 * A participant's place in a room: their one open socket (a newer socket replaces it), whether they are
 * admitted, and the times the supervisor checks.
 */
final class Seat {

    final Participant participant;
    final WebSocketSession socket;
    final Instant since;
    volatile boolean admitted;
    volatile Instant lastActivity;
    volatile Instant lastCheck;
    volatile Instant lastTouch;
    volatile boolean warned;

    Seat(Participant participant, WebSocketSession socket, boolean admitted, Instant now) {
        this.participant = participant;
        this.socket = socket;
        this.admitted = admitted;
        this.since = now;
        this.lastActivity = now;
        this.lastCheck = now;
        this.lastTouch = now;
    }

    /** Sends a frame; a socket that cannot take it any more is closed (the others go on). */
    void send(String frame) {
        if (!socket.isOpen()) {
            return;
        }
        try {
            socket.sendMessage(new TextMessage(frame));
        } catch (IOException | RuntimeException e) {
            close(CloseStatus.SESSION_NOT_RELIABLE);
        }
    }

    void close(CloseStatus status) {
        try {
            socket.close(status);
        } catch (IOException | RuntimeException ignored) {
            // already gone
        }
    }
}
