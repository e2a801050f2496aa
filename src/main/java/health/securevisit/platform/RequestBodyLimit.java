package health.securevisit.platform;

import org.springframework.util.unit.DataSize;

/**
 * A request body limit of its own for one endpoint, instead of {@code SECUREVISIT_MAX_REQUEST_BODY}: a
 * module declares it as a bean (for example a file upload that is parsed as a stream). The platform's
 * body limit filter applies it to requests whose method and path (no query) are exactly these; every
 * other request keeps the global limit. Larger bodies get the same 413 {@code payload-too-large}, at once
 * when Content-Length says so and while reading otherwise.
 *
 * @param method the HTTP method, for example {@code POST}
 * @param path the exact request path, for example {@code /api/v1/device-posture/csv}
 * @param max the largest body accepted there
 */
public record RequestBodyLimit(String method, String path, DataSize max) {}
