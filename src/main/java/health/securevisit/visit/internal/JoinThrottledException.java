package health.securevisit.visit.internal;

import java.time.Duration;

/** Too many join attempts from one source address: answered 429 {@code too-many-attempts}. */
public final class JoinThrottledException extends RuntimeException {

    private final Duration retryAfter;

    JoinThrottledException(Duration retryAfter) {
        super("Too many attempts from this address. Wait and try again later.", null, false, false);
        this.retryAfter = retryAfter;
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
