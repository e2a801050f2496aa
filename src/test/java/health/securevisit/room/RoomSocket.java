package health.securevisit.room;

import static org.assertj.core.api.Assertions.assertThat;

import health.securevisit.support.Workforce;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import tools.jackson.databind.JsonNode;

/**
 * Test support: a real WebSocket client (the JDK's) of the room, with the cookie jar of a person's
 * HTTP client, collecting the frames it receives and its close code.
 */
public final class RoomSocket implements WebSocket.Listener, AutoCloseable {

    final BlockingQueue<JsonNode> frames = new LinkedBlockingQueue<>();
    final CompletableFuture<Integer> closed = new CompletableFuture<>();
    private final java.util.List<JsonNode> kept = new java.util.ArrayList<>();
    private final StringBuilder partial = new StringBuilder();
    private WebSocket socket;

    /** Opens a socket, or throws {@link WebSocketHandshakeException} (its response has the status). */
    public static RoomSocket open(HttpClient http, URI uri, String origin) throws WebSocketHandshakeException {
        RoomSocket listener = new RoomSocket();
        try {
            listener.socket = http.newWebSocketBuilder()
                    .header("Origin", origin)
                    .connectTimeout(Duration.ofSeconds(10))
                    .buildAsync(uri, listener)
                    .get(15, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof WebSocketHandshakeException refused) {
                throw refused;
            }
            throw new IllegalStateException(e);
        } catch (InterruptedException | TimeoutException e) {
            throw new IllegalStateException(e);
        }
        return listener;
    }

    static RoomSocket open(Workforce who, URI uri, String origin) throws WebSocketHandshakeException {
        return open(who.http(), uri, origin);
    }

    /** The HTTP status of a refused handshake. */
    public static int refusal(HttpClient http, URI uri, String origin) {
        try {
            RoomSocket s = open(http, uri, origin);
            s.close();
            return 101;
        } catch (WebSocketHandshakeException e) {
            return e.getResponse().statusCode();
        }
    }

    void send(String text) {
        try {
            socket.sendText(text, true).get(10, TimeUnit.SECONDS);
        } catch (InterruptedException | ExecutionException | TimeoutException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The next frame of {@code type}, skipping others (within 10 s). */
    public JsonNode next(String type) {
        return next(f -> f.path("type").asString().equals(type), "a '" + type + "' frame");
    }

    /** The first frame received (earlier or within 10 s) that {@code wanted} matches; others stay queued. */
    JsonNode next(Predicate<JsonNode> wanted, String what) {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        try {
            while (true) {
                for (java.util.Iterator<JsonNode> it = kept.iterator(); it.hasNext(); ) {
                    JsonNode f = it.next();
                    if (wanted.test(f)) {
                        it.remove();
                        return f;
                    }
                }
                long left = until - System.nanoTime();
                if (left <= 0) {
                    break;
                }
                JsonNode f = frames.poll(Math.min(left, TimeUnit.MILLISECONDS.toNanos(100)), TimeUnit.NANOSECONDS);
                if (f != null) {
                    kept.add(f);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        throw new AssertionError("no " + what + " within 10 s; received " + kept);
    }

    /** The error frame answering the last send. */
    JsonNode error(String code) {
        JsonNode e = next("error");
        assertThat(e.path("code").asString()).isEqualTo(code);
        return e;
    }

    /** Whether a frame of {@code type} arrives (or arrived) within {@code wait}; others stay queued. */
    boolean receives(String type, Duration wait) {
        long until = System.nanoTime() + wait.toNanos();
        try {
            while (true) {
                if (kept.stream().anyMatch(f -> f.path("type").asString().equals(type))) {
                    return true;
                }
                long left = until - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                JsonNode f = frames.poll(Math.min(left, TimeUnit.MILLISECONDS.toNanos(50)), TimeUnit.NANOSECONDS);
                if (f != null) {
                    kept.add(f);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The close code the server sent (within 10 s). */
    public int closeCode() {
        try {
            return closed.get(10, TimeUnit.SECONDS);
        } catch (InterruptedException | ExecutionException | TimeoutException | CompletionException e) {
            throw new AssertionError("the socket was not closed within 10 s", e);
        }
    }

    boolean open() {
        return !closed.isDone() && !socket.isOutputClosed();
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            frames.add(Workforce.JSON.readTree(partial.toString()));
            partial.setLength(0);
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        closed.complete(statusCode);
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        closed.complete(-1);
    }

    @Override
    public void close() {
        if (socket != null && !socket.isOutputClosed()) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye");
        }
    }
}
