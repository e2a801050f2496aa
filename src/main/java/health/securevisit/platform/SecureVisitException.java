package health.securevisit.platform;

import java.util.Map;

/**
 * Base of every module's domain exceptions. It carries a stable machine-readable {@link #code()}
 * and a {@link Kind} that the single web advice maps to an HTTP status. The message is a sentence
 * for the user and must never contain PHI or record contents.
 */
public abstract class SecureVisitException extends RuntimeException {

    /** What went wrong, independent of any transport. */
    public enum Kind {
        INVALID,
        /** A byte range outside the resource (HTTP 416). */
        RANGE_NOT_SATISFIABLE,
        NOT_FOUND,
        CONFLICT,
        FORBIDDEN,
        UNAVAILABLE,
        INTERNAL
    }

    private final Kind kind;
    private final String code;

    protected SecureVisitException(Kind kind, String code, String message) {
        super(message);
        this.kind = kind;
        this.code = code;
    }

    protected SecureVisitException(Kind kind, String code, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.code = code;
    }

    public Kind kind() {
        return kind;
    }

    public String code() {
        return code;
    }

    /**
     * Extension members of the problem answer (for example per-item validation errors), never PHI:
     * codes and the caller's own identifiers only. Empty by default.
     */
    public Map<String, Object> problemProperties() {
        return Map.of();
    }
}
