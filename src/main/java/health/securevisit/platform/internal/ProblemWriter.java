package health.securevisit.platform.internal;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes a problem+json response from places outside Spring MVC (filters, security handlers), with
 * its length, and gives Spring MVC's error answers their body, which the JSON message converter
 * writes with its length like every JSON answer (JsonConfiguration): an answer flushed without one
 * is chunked, and its end costs the connection a second TLS record and write.
 */
@Component
public class ProblemWriter {

    private final JsonMapper json;

    ProblemWriter(JsonMapper json) {
        this.json = json;
    }

    public void write(HttpServletRequest request, HttpServletResponse response, ProblemDetail problem)
            throws IOException {
        if (response.isCommitted()) {
            return;
        }
        decorate(problem, request);
        byte[] body = body(problem);
        response.resetBuffer();
        response.setStatus(problem.getStatus());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
        response.flushBuffer();
    }

    /** The problem's JSON (RFC 9457 members first, extension members after), UTF-8. */
    private byte[] body(ProblemDetail problem) {
        return json.writeValueAsBytes(Problems.members(problem));
    }

    /**
     * A decorated problem as Spring MVC's answer, written by the JSON message converter like every
     * other JSON answer (which gives it its {@code Content-Length}).
     */
    public ResponseEntity<Object> answer(ProblemDetail problem, HttpServletRequest request) {
        return answer(problem, request, HttpHeaders.EMPTY);
    }

    /** As {@link #answer(ProblemDetail, HttpServletRequest)}, with more headers. */
    public ResponseEntity<Object> answer(ProblemDetail problem, HttpServletRequest request, HttpHeaders headers) {
        decorate(problem, request);
        return ResponseEntity.status(problem.getStatus())
                .headers(headers)
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(Problems.members(problem));
    }

    /**
     * 429 {@code too-many-attempts} with {@code Retry-After} in whole seconds (at least one), for the
     * modules that throttle (sign-in, patient join links).
     */
    public ResponseEntity<Object> tooManyAttempts(String detail, Duration retryAfter, HttpServletRequest request) {
        HttpHeaders headers = new HttpHeaders();
        headers.set(HttpHeaders.RETRY_AFTER, Long.toString(Math.max(1, (retryAfter.toMillis() + 999) / 1000)));
        return answer(Problems.of(HttpStatus.TOO_MANY_REQUESTS, "too-many-attempts", detail), request, headers);
    }

    /** Adds the request path as {@code instance} and the request id; never the query string. */
    public static ProblemDetail decorate(ProblemDetail problem, HttpServletRequest request) {
        if (problem.getInstance() == null) {
            Object original = request.getAttribute("jakarta.servlet.error.request_uri");
            String path = original instanceof String s ? s : request.getRequestURI();
            try {
                problem.setInstance(URI.create(path));
            } catch (IllegalArgumentException malformed) {
                // an unparsable path is left out rather than echoed back
            }
        }
        if (request.getAttribute(RequestIdFilter.ATTRIBUTE) instanceof String id) {
            problem.setProperty("requestId", id);
        }
        return problem;
    }
}
