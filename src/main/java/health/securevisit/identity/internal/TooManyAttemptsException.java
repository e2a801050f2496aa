package health.securevisit.identity.internal;

import java.time.Duration;

/** Sign-in is throttled for this account or address: answered 429 with {@code Retry-After}. */
public final class TooManyAttemptsException extends RuntimeException {

    private final Duration retryAfter;

    public TooManyAttemptsException(Duration retryAfter) {
        super("Too many failed attempts. Wait and try again later.", null, false, false);
        this.retryAfter = retryAfter;
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
