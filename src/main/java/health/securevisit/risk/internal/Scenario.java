package health.securevisit.risk.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * One risk scenario: a threat from the catalog against an asset or flow of the map, with likelihood
 * and impact before (inherent) and after (residual) the controls, the treatment, owner and due date.
 *
 * @param origin {@code manual}, or what opened it ({@code auto:baa-lapsed}, {@code auto:new-flow},
 *     {@code auto:flow-unencrypted})
 * @param triggerKey what opened it automatically (so one condition opens one scenario), or null
 */
public record Scenario(
        UUID id,
        String threatId,
        String asset,
        String title,
        Level likelihood,
        Level impact,
        Level residualLikelihood,
        Level residualImpact,
        Treatment treatment,
        String owner,
        @Nullable LocalDate dueOn,
        Status status,
        String origin,
        @Nullable String triggerKey,
        Instant openedAt,
        Instant updatedAt) {

    /** What is done about the risk (800-30 risk response). */
    public enum Treatment {
        MITIGATE,
        ACCEPT,
        TRANSFER,
        AVOID
    }

    /** Where the scenario stands. */
    public enum Status {
        OPEN,
        TREATED,
        CLOSED
    }
}
