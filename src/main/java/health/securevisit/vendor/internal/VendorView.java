package health.securevisit.vendor.internal;

import health.securevisit.platform.VendorAgreements.Standing;
import java.util.List;

/**
 * A vendor with its computed BAA standing, the reason code and review date, and each subcontractor's
 * own standing.
 */
public record VendorView(VendorRecord vendor, BaaStatus.Verdict status, List<Standing> subcontractorStatus) {

    /** The status as written in the API ({@code current}, {@code review-due}, {@code expired}, {@code missing}). */
    public String statusCode() {
        return code(status.standing());
    }

    public static String code(Standing s) {
        return s.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
