package health.securevisit.identity.internal;

import health.securevisit.platform.internal.ProblemWriter;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;
import org.springframework.security.web.csrf.CsrfTokenRepository;
import org.springframework.security.web.webauthn.management.JdbcPublicKeyCredentialUserEntityRepository;
import org.springframework.security.web.webauthn.management.JdbcUserCredentialRepository;
import org.springframework.security.web.webauthn.management.PublicKeyCredentialUserEntityRepository;
import org.springframework.security.web.webauthn.management.UserCredentialRepository;

/**
 * Identity's contribution to the platform's security filter chain (Spring Security applies
 * {@code Customizer<HttpSecurity>} beans before the chain is built, so the platform's headers,
 * problem+json answers and closed-by-default API stay as they are): the sign-in endpoints open to
 * anonymous callers, CSRF tokens in a {@code __Host-} cookie, and the session rules filter.
 */
@Configuration(proxyBeanMethods = false)
class IdentitySecurityConfiguration {

    static final String CSRF_COOKIE = "__Host-XSRF-TOKEN";
    static final String CSRF_HEADER = "X-XSRF-TOKEN";

    @Bean
    CsrfTokenRepository identityCsrfTokenRepository() {
        CookieCsrfTokenRepository repository = CookieCsrfTokenRepository.withHttpOnlyFalse();
        repository.setCookieName(CSRF_COOKIE);
        repository.setHeaderName(CSRF_HEADER);
        repository.setCookieCustomizer(
                cookie -> cookie.secure(true).sameSite("Strict").path("/"));
        return repository;
    }

    @Bean
    PublicKeyCredentialUserEntityRepository webAuthnUserEntities(JdbcOperations jdbc) {
        return new JdbcPublicKeyCredentialUserEntityRepository(jdbc);
    }

    @Bean
    UserCredentialRepository webAuthnCredentials(JdbcOperations jdbc) {
        return new JdbcUserCredentialRepository(jdbc);
    }

    @Bean
    Customizer<HttpSecurity> identityHttpSecurity(
            IdentitySettings settings,
            SessionAccounts accounts,
            SessionControl sessions,
            IdentityAudit audit,
            ProblemWriter problems,
            Clock clock,
            CsrfTokenRepository csrfTokens) {
        WorkforceSessionFilter sessionFilter =
                new WorkforceSessionFilter(settings, accounts, sessions, audit, problems, clock);
        return http -> {
            http.authorizeHttpRequests(auth -> auth.requestMatchers(
                            HttpMethod.POST,
                            "/api/v1/auth/login",
                            "/api/v1/auth/logout",
                            "/api/v1/setup",
                            "/api/v1/auth/webauthn/authentication/options",
                            "/api/v1/auth/webauthn/authentication")
                    .permitAll()
                    .requestMatchers(HttpMethod.GET, "/api/v1/auth/csrf")
                    .permitAll());
            http.csrf(csrf ->
                    csrf.csrfTokenRepository(csrfTokens).csrfTokenRequestHandler(new SpaCsrfTokenRequestHandler()));
            http.addFilterBefore(sessionFilter, AuthorizationFilter.class);
        };
    }
}
