package health.securevisit.visit.web;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;

/**
 * The visit module's contribution to the platform's filter chain: the patient join endpoint is open
 * to anonymous callers (it authenticates with the link's token and the date of birth). CSRF stays on
 * (the join page sends the {@code __Host-XSRF-TOKEN} cookie's value as the sign-in pages do) and the
 * platform's headers are untouched.
 */
@Configuration(proxyBeanMethods = false)
class VisitWebSecurity {

    @Bean
    Customizer<HttpSecurity> visitHttpSecurity() {
        return http -> http.authorizeHttpRequests(
                auth -> auth.requestMatchers(HttpMethod.POST, "/api/v1/join").permitAll());
    }
}
