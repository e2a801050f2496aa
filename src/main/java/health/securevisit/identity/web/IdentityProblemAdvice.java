package health.securevisit.identity.web;

import health.securevisit.identity.internal.TooManyAttemptsException;
import health.securevisit.platform.internal.ProblemWriter;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * A throttled sign-in step answers 429 {@code too-many-attempts} with {@code Retry-After}.
 * (Method-security denials are handed back to Spring Security by the platform's advice: 401 for
 * anonymous callers, 403 for others.)
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class IdentityProblemAdvice {

    private final ProblemWriter problems;

    IdentityProblemAdvice(ProblemWriter problems) {
        this.problems = problems;
    }

    @ExceptionHandler(TooManyAttemptsException.class)
    ResponseEntity<Object> throttled(TooManyAttemptsException e, HttpServletRequest request) {
        return problems.tooManyAttempts(
                "Too many failed attempts for this account or from this address. Wait and try again later.",
                e.retryAfter(),
                request);
    }
}
