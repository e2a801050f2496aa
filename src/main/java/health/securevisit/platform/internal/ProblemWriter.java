package health.securevisit.platform.internal;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/** Writes a problem+json response from places outside Spring MVC (filters, security handlers). */
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
        response.resetBuffer();
        response.setStatus(problem.getStatus());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        json.writeValue(response.getOutputStream(), Problems.members(problem));
        response.flushBuffer();
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
