package health.securevisit.risk.internal;

import org.jspecify.annotations.Nullable;

/**
 * A scenario as sent: exactly these fields. Likelihood and impact are 800-30 levels 1 (very low) to
 * 5 (very high); residual levels default to the inherent ones; {@code dueOn} is {@code YYYY-MM-DD}.
 */
public record ScenarioInput(
        @Nullable String threatId,
        @Nullable String asset,
        @Nullable String title,
        @Nullable Integer likelihood,
        @Nullable Integer impact,
        @Nullable Integer residualLikelihood,
        @Nullable Integer residualImpact,
        @Nullable String treatment,
        @Nullable String owner,
        @Nullable String dueOn,
        @Nullable String status) {}
