package health.securevisit.platform.web;

import health.securevisit.platform.SecureVisitException;
import health.securevisit.platform.internal.PayloadTooLargeException;
import health.securevisit.platform.internal.ProblemWriter;
import health.securevisit.platform.internal.Problems;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Map;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.validation.FieldError;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.servlet.resource.NoResourceFoundException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * The one place where exceptions become HTTP answers: every error is {@code application/problem+json}
 * with a stable {@code code}. Details are fixed sentences (and field names for validation), never
 * echoes of the request, so no PHI can flow back through an error.
 */
@RestControllerAdvice
class ProblemAdvice extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemAdvice.class);

    private final ProblemWriter problems;

    ProblemAdvice(ProblemWriter problems) {
        this.problems = problems;
    }

    @ExceptionHandler(SecureVisitException.class)
    ResponseEntity<Object> domain(SecureVisitException e, HttpServletRequest request) {
        HttpStatus status = switch (e.kind()) {
            case INVALID -> HttpStatus.BAD_REQUEST;
            case RANGE_NOT_SATISFIABLE -> HttpStatus.REQUESTED_RANGE_NOT_SATISFIABLE;
            case NOT_FOUND -> HttpStatus.NOT_FOUND;
            case CONFLICT -> HttpStatus.CONFLICT;
            case FORBIDDEN -> HttpStatus.FORBIDDEN;
            case UNAVAILABLE -> HttpStatus.SERVICE_UNAVAILABLE;
            case INTERNAL -> HttpStatus.INTERNAL_SERVER_ERROR;
        };
        ProblemDetail problem = Problems.of(status, e.code(), e.getMessage());
        e.problemProperties().forEach(problem::setProperty);
        return problems.answer(problem, request);
    }

    /**
     * Denials of method security ({@code @PreAuthorize}) go back to Spring Security's filter, which
     * answers 401 to anonymous callers and 403 to others, instead of becoming a 500 below.
     */
    @ExceptionHandler({AccessDeniedException.class, AuthenticationException.class})
    void security(RuntimeException e) {
        throw e;
    }

    /** A body that grew past its limit while a handler streamed it (BodySizeLimitFilter). */
    @ExceptionHandler(PayloadTooLargeException.class)
    ResponseEntity<Object> tooLarge(PayloadTooLargeException e, HttpServletRequest request) {
        return problems.answer(e.problem(), request);
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<Object> typeMismatch(MethodArgumentTypeMismatchException e, HttpServletRequest request) {
        ProblemDetail problem = Problems.of(
                HttpStatus.BAD_REQUEST,
                "invalid-parameter",
                "The parameter '" + e.getName() + "' has the wrong format.");
        return problems.answer(problem, request);
    }

    /**
     * A form body's parameters, read lazily inside the handler, that the firewall rejects (a hostile
     * name) or Tomcat cannot decode (bad percent-encoding).
     */
    @ExceptionHandler({RequestRejectedException.class, InvalidParameterException.class})
    ResponseEntity<Object> rejected(RuntimeException e, HttpServletRequest request) {
        return problems.answer(
                Problems.of(HttpStatus.BAD_REQUEST, "request-rejected", "The request is not acceptable."), request);
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Object> unexpected(Exception e, HttpServletRequest request) {
        log.error("unhandled {} on {} {}", e.getClass().getName(), request.getMethod(), request.getRequestURI(), e);
        return problems.answer(
                Problems.of(
                        HttpStatus.INTERNAL_SERVER_ERROR,
                        "internal-error",
                        "The server could not complete the request."),
                request);
    }

    @Override
    protected @Nullable ResponseEntity<Object> handleExceptionInternal(
            Exception ex, @Nullable Object body, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return problems.answer(translate(ex, status), ((ServletWebRequest) request).getRequest(), headers);
    }

    private static ProblemDetail translate(Exception ex, HttpStatusCode status) {
        return switch (ex) {
            case NoResourceFoundException e -> Problems.forStatus(404);
            case HttpRequestMethodNotSupportedException e -> Problems.forStatus(405);
            case HttpMediaTypeNotSupportedException e ->
                Problems.of(
                        status,
                        "unsupported-media-type",
                        "Send the body as one of: " + e.getSupportedMediaTypes() + ".");
            case HttpMediaTypeNotAcceptableException e ->
                Problems.of(status, "not-acceptable", "This resource cannot be represented in the requested type.");
            case MissingServletRequestParameterException e ->
                Problems.of(status, "missing-parameter", "The parameter '" + e.getParameterName() + "' is required.");
            case MethodArgumentNotValidException e -> invalid(e);
            case HandlerMethodValidationException e ->
                Problems.of(status, "invalid-request", "The request has invalid parameters.");
            case org.springframework.http.converter.HttpMessageNotReadableException e -> unreadable(e, status);
            default -> Problems.forStatus(status.value());
        };
    }

    /**
     * The one answer to a body the strict JSON mapper refused (JsonConfiguration): a field the
     * endpoint does not declare is {@code unknown-field}, anything else (not JSON, a duplicate key, a
     * wrong type, null for a number or flag, a missing body) is {@code invalid-body}. Neither names
     * the field or echoes a value.
     */
    private static ProblemDetail unreadable(Exception e, HttpStatusCode status) {
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c instanceof PayloadTooLargeException tooLarge) {
                return tooLarge.problem();
            }
            if (c instanceof UnrecognizedPropertyException) {
                return Problems.of(status, "unknown-field", "The body has a field this endpoint does not accept.");
            }
        }
        return Problems.of(status, "invalid-body", "The request body is not valid JSON of the expected shape.");
    }

    private static ProblemDetail invalid(MethodArgumentNotValidException e) {
        List<Map<String, String>> errors = e.getBindingResult().getFieldErrors().stream()
                .map(ProblemAdvice::fieldError)
                .toList();
        ProblemDetail problem =
                Problems.of(HttpStatus.BAD_REQUEST, "invalid-request", "Some fields are missing or invalid.");
        problem.setProperty("errors", errors);
        return problem;
    }

    private static Map<String, String> fieldError(FieldError error) {
        String message = error.getDefaultMessage() == null ? "is invalid" : error.getDefaultMessage();
        return Map.of("field", error.getField(), "message", message);
    }
}
