package health.securevisit.platform;

import java.time.Duration;

/** A {@link Throttle} refused a step: answered 429 {@code too-many-attempts} with {@code Retry-After}. */
public final class TooManyAttemptsException extends RuntimeException {

    private final Duration retryAfter;

    public TooManyAttemptsException(Duration retryAfter) {
        super("Too many attempts. Wait and try again later.", null, false, false);
        this.retryAfter = retryAfter;
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
