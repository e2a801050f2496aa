package health.securevisit.platform;

import java.util.Objects;
import org.springframework.util.unit.DataSize;

/**
 * A request body limit of its own for one endpoint, instead of {@code SECUREVISIT_MAX_REQUEST_BODY}
 * (for example the recording chunk upload, bounded by {@code SECUREVISIT_RECORDS_MAX_CHUNK_SIZE}). The
 * module that owns the endpoint declares it as a bean, with a documented setting behind {@code limit};
 * the platform's body limit filter applies it the same way (413 before anything is read, or while a
 * chunked body is read).
 *
 * @param method the HTTP method
 * @param pathPattern an Ant-style pattern of the request path, e.g. {@code /api/v1/recordings/*}{@code /chunks/*}
 * @param limit the largest body accepted there
 */
public record RequestBodyLimit(String method, String pathPattern, DataSize limit) {

    public RequestBodyLimit {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(pathPattern, "pathPattern");
        Objects.requireNonNull(limit, "limit");
    }
}
