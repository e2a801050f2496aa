package health.securevisit.platform.internal;

import jakarta.servlet.DispatcherType;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.csrf.CsrfException;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.security.web.header.writers.StaticHeadersWriter;

/**
 * HTTP security baseline: the API is closed by default (anonymous callers get 401), CSRF protection
 * on every state-changing request, and the security headers on every response. Endpoints state the
 * roles they need with {@code @PreAuthorize} (method security is on). Modules that add
 * authentication contribute to this chain; none may weaken the headers.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
@EnableMethodSecurity
class HttpSecurityConfiguration {

    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self';"
            + " img-src 'self' data:; connect-src 'self'; media-src 'self' blob:; font-src 'self';"
            + " object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none';"
            + " upgrade-insecure-requests; report-uri /api/v1/csp-reports";
    static final String PERMISSIONS_POLICY = "camera=(self), microphone=(self), display-capture=(self),"
            + " geolocation=(), payment=(), usb=(), interest-cohort=()";

    @Bean
    SecurityFilterChain api(HttpSecurity http, ProblemWriter problems) throws Exception {
        http.authorizeHttpRequests(auth -> auth.dispatcherTypeMatchers(DispatcherType.ERROR)
                        .permitAll()
                        .requestMatchers("/api/v1/health", "/api/v1/health/**", "/api/v1/openapi.json")
                        .permitAll()
                        .requestMatchers("/api/v1/csp-reports")
                        .permitAll()
                        .requestMatchers("/api/**")
                        .authenticated()
                        .anyRequest()
                        .permitAll())
                // CSP reports come from browsers without a token and change no state; /error asked for
                // directly is a 404 whatever the method (ProblemErrorController).
                .csrf(csrf -> csrf.ignoringRequestMatchers("/api/v1/csp-reports", "/error"))
                .httpBasic(AbstractHttpConfigurer::disable)
                .formLogin(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable)
                .requestCache(AbstractHttpConfigurer::disable)
                .exceptionHandling(ex -> ex.authenticationEntryPoint((request, response, e) -> problems.write(
                                request,
                                response,
                                Problems.of(HttpStatus.UNAUTHORIZED, "unauthenticated", "Authentication is required.")))
                        .accessDeniedHandler((request, response, e) -> problems.write(
                                request,
                                response,
                                e instanceof CsrfException
                                        ? Problems.of(
                                                HttpStatus.FORBIDDEN,
                                                "csrf-token-invalid",
                                                "This request needs a valid CSRF token.")
                                        : Problems.of(
                                                HttpStatus.FORBIDDEN, "forbidden", "You are not allowed to do this."))))
                .headers(headers -> headers.httpStrictTransportSecurity(
                                hsts -> hsts.maxAgeInSeconds(SecurityHeaders.HSTS_MAX_AGE_SECONDS)
                                        .includeSubDomains(true)
                                        .requestMatcher(request -> true))
                        .contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
                        .referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.NO_REFERRER))
                        .frameOptions(frame -> frame.deny())
                        .addHeaderWriter(new StaticHeadersWriter("Permissions-Policy", PERMISSIONS_POLICY))
                        .addHeaderWriter(new StaticHeadersWriter("Cross-Origin-Opener-Policy", "same-origin"))
                        .addHeaderWriter(new StaticHeadersWriter("Cross-Origin-Resource-Policy", "same-origin")));
        return http.build();
    }
}
