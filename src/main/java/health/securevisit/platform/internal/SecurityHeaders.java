package health.securevisit.platform.internal;

import jakarta.servlet.http.HttpServletResponse;

/**
 * The security headers for responses that Spring Security's header writer never sees: errors the
 * container produces before the filter chain runs.
 */
public final class SecurityHeaders {

    /** HSTS lifetime: two years, for the filter chain and for container errors alike. */
    static final long HSTS_MAX_AGE_SECONDS = 63_072_000L;

    private SecurityHeaders() {}

    public static void applyIfMissing(HttpServletResponse response) {
        set(response, "Strict-Transport-Security", "max-age=" + HSTS_MAX_AGE_SECONDS + " ; includeSubDomains");
        set(response, "Content-Security-Policy", HttpSecurityConfiguration.CONTENT_SECURITY_POLICY);
        set(response, "X-Content-Type-Options", "nosniff");
        set(response, "Referrer-Policy", "no-referrer");
        set(response, "X-Frame-Options", "DENY");
        set(response, "Cache-Control", "no-cache, no-store, max-age=0, must-revalidate");
    }

    private static void set(HttpServletResponse response, String name, String value) {
        if (!response.containsHeader(name)) {
            response.setHeader(name, value);
        }
    }
}
