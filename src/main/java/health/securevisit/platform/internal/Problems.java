package health.securevisit.platform.internal;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;

/** Builds RFC 9457 problem details with SecureVisit's stable {@code type} and {@code code}. */
public final class Problems {

    public static final String TYPE_PREFIX = "urn:securevisit:problem:";
    public static final String CODE = "code";

    private Problems() {}

    public static ProblemDetail of(HttpStatusCode status, String code, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create(TYPE_PREFIX + code));
        HttpStatus known = HttpStatus.resolve(status.value());
        problem.setTitle(known == null ? "Error" : known.getReasonPhrase());
        problem.setProperty(CODE, code);
        return problem;
    }

    /** The problem's members in RFC 9457 order, extension members last. */
    static Map<String, Object> members(ProblemDetail problem) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", problem.getType().toString());
        m.put("title", problem.getTitle());
        m.put("status", problem.getStatus());
        if (problem.getDetail() != null) {
            m.put("detail", problem.getDetail());
        }
        if (problem.getInstance() != null) {
            m.put("instance", problem.getInstance().toString());
        }
        if (problem.getProperties() != null) {
            m.putAll(problem.getProperties());
        }
        return m;
    }

    /** A generic problem for a bare status code, such as one the servlet container produced. */
    public static ProblemDetail forStatus(int status) {
        HttpStatusCode code = HttpStatusCode.valueOf(status);
        return switch (status) {
            case 400 -> of(code, "bad-request", "The request could not be understood.");
            case 401 -> of(code, "unauthenticated", "Authentication is required.");
            case 403 -> of(code, "forbidden", "You are not allowed to do this.");
            case 404 -> of(code, "not-found", "There is nothing at this address.");
            case 405 -> of(code, "method-not-allowed", "This method is not allowed here.");
            case 413 -> of(code, "payload-too-large", "The request body is too large.");
            case 415 -> of(code, "unsupported-media-type", "This content type is not accepted here.");
            case 503 -> of(code, "service-unavailable", "The service is temporarily unavailable.");
            default ->
                status >= 500
                        ? of(code, "internal-error", "The server could not complete the request.")
                        : of(code, "client-error", "The request was not accepted.");
        };
    }
}
