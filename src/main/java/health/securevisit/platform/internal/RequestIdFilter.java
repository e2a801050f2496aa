package health.securevisit.platform.internal;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Gives every request an id made by the server (96 random bits; an incoming {@code X-Request-Id} is
 * never used as the id), puts it on every log line through the MDC, returns it in the response and
 * writes one access line: method, path without query string, status and duration. The audit trail
 * stores this id.
 *
 * <p>A client's own correlation id ({@code X-Correlation-Id}, or else its {@code X-Request-Id}) is
 * recorded beside it on the log lines as {@code correlationId}, only when it matches
 * {@link #CORRELATION_ID}: 8 to 64 letters, digits, dots, underscores and hyphens, starting with a
 * letter or digit. Anything else is dropped without a trace. Bodies, query strings and other headers
 * are never logged.
 */
public final class RequestIdFilter extends OncePerRequestFilter {

    public static final String MDC_KEY = "requestId";
    public static final String HEADER = "X-Request-Id";
    public static final String ATTRIBUTE = RequestIdFilter.class.getName();
    public static final String CORRELATION_MDC_KEY = "correlationId";
    public static final String CORRELATION_HEADER = "X-Correlation-Id";
    static final Pattern CORRELATION_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{7,63}");
    private static final Logger ACCESS = LoggerFactory.getLogger("securevisit.access");
    private static final SecureRandom RANDOM = new SecureRandom();

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        boolean errorDispatch = request.getDispatcherType() == DispatcherType.ERROR;
        String id = request.getAttribute(ATTRIBUTE) instanceof String known ? known : newId();
        request.setAttribute(ATTRIBUTE, id);
        response.setHeader(HEADER, id);
        MDC.put(MDC_KEY, id);
        String correlation = correlationId(request);
        if (correlation != null) {
            MDC.put(CORRELATION_MDC_KEY, correlation);
        }
        long start = System.nanoTime();
        try {
            chain.doFilter(request, response);
        } finally {
            if (!errorDispatch && ACCESS.isInfoEnabled()) {
                ACCESS.info(
                        "{} {} {} {}ms",
                        request.getMethod(),
                        request.getRequestURI(),
                        response.getStatus(),
                        (System.nanoTime() - start) / 1_000_000);
            }
            MDC.remove(MDC_KEY);
            MDC.remove(CORRELATION_MDC_KEY);
        }
    }

    @Override
    protected boolean shouldNotFilterErrorDispatch() {
        return false;
    }

    /** The client's correlation id if it is well-formed, else null. */
    static @Nullable String correlationId(HttpServletRequest request) {
        String incoming = request.getHeader(CORRELATION_HEADER);
        if (incoming == null) {
            incoming = request.getHeader(HEADER);
        }
        return incoming != null && CORRELATION_ID.matcher(incoming).matches() ? incoming : null;
    }

    private static String newId() {
        byte[] bytes = new byte[12];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
