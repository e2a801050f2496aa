package health.securevisit.device.web;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;

/**
 * The device module's contribution to the platform's filter chain: machine posture reports carry no
 * session and no CSRF token; they authenticate with their integration's HMAC signature instead
 * ({@code PostureIngest}). Nothing else is opened and the platform's headers are untouched.
 */
@Configuration(proxyBeanMethods = false)
class DeviceWebSecurity {

    static final String[] MACHINE_REPORTS = {"/api/v1/device-posture/webhook/*", "/api/v1/device-posture/osquery/*"};

    @Bean
    Customizer<HttpSecurity> deviceHttpSecurity() {
        return http -> http.authorizeHttpRequests(auth ->
                        auth.requestMatchers(HttpMethod.POST, MACHINE_REPORTS).permitAll())
                .csrf(csrf -> csrf.ignoringRequestMatchers(MACHINE_REPORTS));
    }
}
