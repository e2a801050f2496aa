package health.securevisit.identity;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Published (through the event publication registry, kept even when the request fails) when sign-in
 * failures pile up: many for one account ({@code accountId} set, from any sources) or one source
 * failing on many accounts ({@code accountId} null). Identifiers only.
 */
public record SuspiciousSignInsDetected(
        Pattern pattern, @Nullable UUID accountId, String source, int count, Instant detectedAt) {

    /** Which pile-up was seen. */
    public enum Pattern {
        /** {@code count} failures for one account within the throttle window. */
        ONE_ACCOUNT,
        /** failures from one source on {@code count} different accounts within the window. */
        ONE_SOURCE_MANY_ACCOUNTS
    }
}
