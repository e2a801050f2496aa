package health.securevisit.identity.web;

import health.securevisit.identity.internal.TooManyAttemptsException;
import health.securevisit.platform.internal.ProblemWriter;
import health.securevisit.platform.internal.Problems;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Problem answers for authentication and authorization outcomes that reach Spring MVC: a throttled
 * sign-in step answers 429 {@code too-many-attempts} with {@code Retry-After}; a method-security
 * denial ({@code @PreAuthorize}) answers 403 {@code forbidden} like the filter chain does (instead of
 * falling through to the generic 500 handler).
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class IdentityProblemAdvice {

    @ExceptionHandler(AccessDeniedException.class)
    ResponseEntity<ProblemDetail> denied(AccessDeniedException e, HttpServletRequest request) {
        ProblemDetail problem = ProblemWriter.decorate(Problems.forStatus(403), request);
        return ResponseEntity.status(HttpStatus.FORBIDDEN)
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }

    @ExceptionHandler(TooManyAttemptsException.class)
    ResponseEntity<ProblemDetail> throttled(TooManyAttemptsException e, HttpServletRequest request) {
        ProblemDetail problem = Problems.of(
                HttpStatus.TOO_MANY_REQUESTS,
                "too-many-attempts",
                "Too many failed attempts for this account or from this address. Wait and try again later.");
        ProblemWriter.decorate(problem, request);
        long seconds = Math.max(1, (e.retryAfter().toMillis() + 999) / 1000);
        return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
                .header(HttpHeaders.RETRY_AFTER, Long.toString(seconds))
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }
}
