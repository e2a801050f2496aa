package health.securevisit.audit;

import health.securevisit.platform.SecureVisitException;

/** The audit trail could not store an event; the request that needed it must fail (503). */
public final class AuditUnavailableException extends SecureVisitException {

    public AuditUnavailableException(Throwable cause) {
        super(
                Kind.UNAVAILABLE,
                "audit-unavailable",
                "The audit trail is unavailable, so this request was refused.",
                cause);
    }
}
