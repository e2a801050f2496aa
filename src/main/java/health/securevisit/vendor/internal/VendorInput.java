package health.securevisit.vendor.internal;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A vendor as sent by the security officer: exactly these fields (others are refused with 400
 * {@code unknown-field}); dates are {@code YYYY-MM-DD}. Checked by {@link VendorValidation}.
 */
public record VendorInput(
        @Nullable String key,
        @Nullable String name,
        @Nullable String services,
        @Nullable List<String> phiCategories,
        @Nullable String owner,
        @Nullable BaaInput baa,
        @Nullable List<SubcontractorInput> subcontractors) {

    /** The agreement's terms. */
    public record BaaInput(
            @Nullable String effective,
            @Nullable String expires,
            @Nullable Integer breachNoticeDays,
            @Nullable Boolean flowDown,
            @Nullable String returnOrDestroy) {}

    /** One subcontractor. */
    public record SubcontractorInput(
            @Nullable String name,
            @Nullable String services,
            @Nullable String baaExpires,
            @Nullable Boolean flowDown) {}
}
