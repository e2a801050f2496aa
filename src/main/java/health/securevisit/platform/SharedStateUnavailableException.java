package health.securevisit.platform;

/**
 * The shared store of a cluster (Redis or PostgreSQL, {@link ClusterSettings}) did not answer: the
 * request fails closed with 503 {@code shared-state-unavailable}, nothing counted or written.
 */
public final class SharedStateUnavailableException extends SecureVisitException {

    public SharedStateUnavailableException(String part, Throwable cause) {
        super(
                Kind.UNAVAILABLE,
                "shared-state-unavailable",
                "The " + part + " store of this deployment is unavailable. Try again shortly.",
                cause);
    }
}
