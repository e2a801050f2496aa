package health.securevisit.platform.internal;

import health.securevisit.platform.TooManyAttemptsException;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** The one answer of every throttle: 429 {@code too-many-attempts} with {@code Retry-After}. */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class ThrottleAdvice {

    static final String DETAIL = "Too many attempts. Wait and try again later.";

    private final ProblemWriter problems;

    ThrottleAdvice(ProblemWriter problems) {
        this.problems = problems;
    }

    @ExceptionHandler(TooManyAttemptsException.class)
    ResponseEntity<Object> throttled(TooManyAttemptsException e, HttpServletRequest request) {
        return problems.tooManyAttempts(DETAIL, e.retryAfter(), request);
    }
}
