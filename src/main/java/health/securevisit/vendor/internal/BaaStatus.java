package health.securevisit.vendor.internal;

import health.securevisit.platform.VendorAgreements.Standing;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The rule that computes a vendor's BAA standing from its facts: a pure function with a stable reason
 * code per row, checked top to bottom (the first row that matches decides).
 *
 * <ol>
 *   <li>no BAA document or no dates: MISSING ({@code no-baa})
 *   <li>before the effective date: EXPIRED ({@code not-yet-effective})
 *   <li>on or after the expiry date: EXPIRED ({@code baa-expired})
 *   <li>yearly verification (from the last one, or from the effective date) overdue: EXPIRED
 *       ({@code verification-lapsed})
 *   <li>expiry within the reminder window: REVIEW_DUE ({@code baa-expires-soon})
 *   <li>yearly verification due within the window: REVIEW_DUE ({@code verification-due})
 *   <li>a subcontractor whose own BAA is not current: REVIEW_DUE ({@code subcontractor-baa})
 *   <li>otherwise CURRENT ({@code current})
 * </ol>
 */
public final class BaaStatus {

    /** The standing, its reason code and the next date someone must act by (or null). */
    public record Verdict(
            Standing standing, String reason, @Nullable LocalDate reviewBy) {}

    private BaaStatus() {}

    public static Verdict of(
            boolean documentOnFile,
            @Nullable LocalDate effective,
            @Nullable LocalDate expires,
            @Nullable LocalDate lastVerified,
            List<Standing> subcontractors,
            LocalDate today,
            int windowDays) {
        if (!documentOnFile || effective == null || expires == null) {
            return new Verdict(Standing.MISSING, "no-baa", null);
        }
        LocalDate verificationDue = (lastVerified == null ? effective : lastVerified).plusYears(1);
        LocalDate reviewBy = expires.isBefore(verificationDue) ? expires : verificationDue;
        if (today.isBefore(effective)) {
            return new Verdict(Standing.EXPIRED, "not-yet-effective", effective);
        }
        if (!today.isBefore(expires)) {
            return new Verdict(Standing.EXPIRED, "baa-expired", expires);
        }
        if (today.isAfter(verificationDue)) {
            return new Verdict(Standing.EXPIRED, "verification-lapsed", verificationDue);
        }
        if (ChronoUnit.DAYS.between(today, expires) <= windowDays) {
            return new Verdict(Standing.REVIEW_DUE, "baa-expires-soon", reviewBy);
        }
        if (ChronoUnit.DAYS.between(today, verificationDue) <= windowDays) {
            return new Verdict(Standing.REVIEW_DUE, "verification-due", reviewBy);
        }
        if (subcontractors.stream().anyMatch(s -> !s.permitsPhi())) {
            return new Verdict(Standing.REVIEW_DUE, "subcontractor-baa", reviewBy);
        }
        return new Verdict(Standing.CURRENT, "current", reviewBy);
    }

    /** A subcontractor's own BAA: missing without a date, expired on or after it, due inside the window. */
    public static Standing subcontractor(
            @Nullable LocalDate expires, boolean flowDown, LocalDate today, int windowDays) {
        if (expires == null || !flowDown) {
            return Standing.MISSING;
        }
        if (!today.isBefore(expires)) {
            return Standing.EXPIRED;
        }
        return ChronoUnit.DAYS.between(today, expires) <= windowDays ? Standing.REVIEW_DUE : Standing.CURRENT;
    }
}
