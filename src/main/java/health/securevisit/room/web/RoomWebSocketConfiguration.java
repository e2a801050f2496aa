package health.securevisit.room.web;

import health.securevisit.room.internal.RoomSocketHandler;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;

/**
 * The room's WebSocket endpoint on the application's own TLS server: a plain {@link RoomSocketHandler}
 * (no STOMP, no SockJS fallback) at {@code /api/v1/visits/{id}/room}. The {@link RoomHandshake} checks
 * the Origin against the public URL itself, so Spring's own Host-based same-origin check is switched off
 * (it would trust the Host header, which a client chooses).
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSocket
class RoomWebSocketConfiguration implements WebSocketConfigurer {

    private final RoomSocketHandler handler;
    private final RoomHandshake handshake;

    RoomWebSocketConfiguration(RoomSocketHandler handler, RoomHandshake handshake) {
        this.handler = handler;
        this.handshake = handshake;
    }

    @Override
    public void registerWebSocketHandlers(WebSocketHandlerRegistry registry) {
        registry.addHandler(handler, "/api/v1/visits/*/room")
                .addInterceptors(handshake)
                .setAllowedOriginPatterns("*");
    }
}
