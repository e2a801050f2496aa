package health.securevisit.platform.internal;

import java.io.IOException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/** Thrown while reading a request body that grows past the configured limit. */
public final class PayloadTooLargeException extends IOException {

    private final long limit;

    PayloadTooLargeException(long limit) {
        super("request body larger than " + limit + " bytes");
        this.limit = limit;
    }

    public ProblemDetail problem() {
        return problem(limit);
    }

    static ProblemDetail problem(long limit) {
        return Problems.of(
                HttpStatus.CONTENT_TOO_LARGE,
                "payload-too-large",
                "The request body is larger than the limit of " + limit + " bytes.");
    }
}
