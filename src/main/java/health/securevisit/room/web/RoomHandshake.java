package health.securevisit.room.web;

import health.securevisit.platform.PublicUrl;
import health.securevisit.room.internal.RoomAudit;
import health.securevisit.room.internal.RoomEntry;
import health.securevisit.room.internal.RoomSocketHandler;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.server.HandshakeInterceptor;

/**
 * The room's handshake: the {@code Origin} must be the origin of {@code SECUREVISIT_PUBLIC_URL} (a page
 * of this server; a cross-site page cannot ride the cookies), and the request must carry a credential
 * that {@link RoomEntry} admits for the visit of the path. Every refusal answers 403 with no body.
 */
@Component
class RoomHandshake implements HandshakeInterceptor {

    static final Pattern PATH = Pattern.compile("/api/v1/visits/([0-9a-fA-F-]{36})/room");

    private final RoomEntry entry;
    private final RoomAudit audit;
    private final PublicUrl publicUrl;

    RoomHandshake(RoomEntry entry, RoomAudit audit, PublicUrl publicUrl) {
        this.entry = entry;
        this.audit = audit;
        this.publicUrl = publicUrl;
    }

    @Override
    public boolean beforeHandshake(
            ServerHttpRequest request,
            ServerHttpResponse response,
            WebSocketHandler handler,
            Map<String, Object> attributes) {
        response.setStatusCode(HttpStatus.FORBIDDEN);
        if (!(request instanceof ServletServerHttpRequest servlet)) {
            return false;
        }
        HttpServletRequest http = servlet.getServletRequest();
        UUID visitId = visitId(http.getRequestURI());
        if (visitId == null) {
            return false;
        }
        if (!origin(URI.create(publicUrl.base())).equals(http.getHeader("Origin"))) {
            audit.refused("room.enter", "origin-mismatch", visitId, http.getRemoteAddr());
            return false;
        }
        Optional<RoomEntry.Entry> admitted = entry.enter(http, visitId, "room.enter");
        if (admitted.isEmpty()) {
            return false;
        }
        attributes.put(RoomSocketHandler.ENTRY, admitted.get());
        response.setStatusCode(HttpStatus.SWITCHING_PROTOCOLS);
        return true;
    }

    @Override
    public void afterHandshake(
            ServerHttpRequest request,
            ServerHttpResponse response,
            WebSocketHandler handler,
            @Nullable Exception exception) {}

    static @Nullable UUID visitId(String path) {
        Matcher m = PATH.matcher(path);
        if (!m.matches()) {
            return null;
        }
        try {
            return UUID.fromString(m.group(1));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** {@code scheme://host[:port]} as browsers send it in {@code Origin} (default ports left out). */
    static String origin(URI base) {
        int port = base.getPort();
        boolean defaultPort = port == -1 || (base.getScheme().equals("https") && port == 443);
        return base.getScheme() + "://" + base.getHost() + (defaultPort ? "" : ":" + port);
    }
}
