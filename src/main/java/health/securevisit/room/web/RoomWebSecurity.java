package health.securevisit.room.web;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;

/**
 * The room module's contribution to the platform's filter chain: the room's endpoints are reachable
 * without a workforce session, because the patient enters with the room credential cookie; each of them
 * decides who may enter itself ({@code RoomEntry}: a clinician's workforce session with an ALLOW of the
 * access decision point, or the patient's credential), and refuses everyone else. Only GET (the
 * WebSocket handshake, the ICE servers, the chat); CSRF and the platform's headers are untouched.
 */
@Configuration(proxyBeanMethods = false)
class RoomWebSecurity {

    @Bean
    Customizer<HttpSecurity> roomHttpSecurity() {
        return http -> http.authorizeHttpRequests(auth -> auth.requestMatchers(
                        HttpMethod.GET,
                        "/api/v1/visits/*/room",
                        "/api/v1/visits/*/room/ice-servers",
                        "/api/v1/visits/*/room/chat",
                        "/api/v1/visits/*/room/forms")
                .permitAll()
                // The patient's forms and consents (room credential, checked by the controller).
                .requestMatchers(HttpMethod.POST, "/api/v1/visits/*/room/forms", "/api/v1/visits/*/room/consents")
                .permitAll());
    }
}
