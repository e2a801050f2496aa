package health.securevisit.device.internal;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * One piece of posture evidence about one device, as its source reported it. A null fact means the
 * source said nothing about it (older reports may); the {@code *Ok} facts are policy verdicts
 * (osquery/Fleet) where the source reports pass or fail instead of a value.
 */
public record PostureReport(
        UUID deviceId,
        Source source,
        String integration,
        String reportRef,
        Instant reportedAt,
        @Nullable Boolean diskEncrypted,
        @Nullable Integer screenLockMinutes,
        @Nullable Boolean screenLockOk,
        @Nullable Boolean antivirusRunning,
        @Nullable Instant antivirusSignaturesAt,
        @Nullable Boolean antivirusOk,
        @Nullable String osVersion,
        @Nullable Boolean osOk,
        @Nullable Boolean mdmEnrolled,
        @Nullable Boolean remoteWipe) {

    /** Where the evidence came from. */
    public enum Source {
        WEBHOOK,
        CSV,
        OSQUERY
    }
}
