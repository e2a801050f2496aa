package health.securevisit.visit.web;

import health.securevisit.platform.internal.ProblemWriter;
import health.securevisit.visit.internal.JoinThrottledException;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Too many join attempts from one address: 429 {@code too-many-attempts} with {@code Retry-After}. */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class VisitProblemAdvice {

    private final ProblemWriter problems;

    VisitProblemAdvice(ProblemWriter problems) {
        this.problems = problems;
    }

    @ExceptionHandler(JoinThrottledException.class)
    ResponseEntity<Object> throttled(JoinThrottledException e, HttpServletRequest request) {
        return problems.tooManyAttempts(
                "Too many attempts from this address. Wait and try again later.", e.retryAfter(), request);
    }
}
