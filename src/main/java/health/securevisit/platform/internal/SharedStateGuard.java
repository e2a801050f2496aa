package health.securevisit.platform.internal;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * In cluster mode, wraps Spring Session's filter: when the shared session store (Redis or
 * PostgreSQL) cannot be read or written, the request fails closed with 503
 * {@code shared-state-unavailable} instead of a 500, and no session state is half-written.
 */
final class SharedStateGuard extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(SharedStateGuard.class);

    private final ProblemWriter problems;

    SharedStateGuard(ProblemWriter problems) {
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try {
            chain.doFilter(request, response);
        } catch (ServletException | RuntimeException e) {
            if (!storeFailure(e)) {
                throw e;
            }
            log.warn("shared state store unavailable: {}", e.getClass().getName());
            problems.write(
                    request,
                    response,
                    Problems.of(
                            HttpStatus.SERVICE_UNAVAILABLE,
                            "shared-state-unavailable",
                            "The session store of this deployment is unavailable. Try again shortly."));
        }
    }

    static boolean storeFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof DataAccessException) {
                return true;
            }
        }
        return false;
    }
}
