package health.securevisit.vendor.web;

import health.securevisit.vendor.internal.VendorView;
import org.jspecify.annotations.Nullable;

/** The sentence shown on the console and in the API when a vendor needs the security officer. */
final class Reminders {

    private Reminders() {}

    static @Nullable String of(VendorView v) {
        return switch (v.status().reason()) {
            case "no-baa" -> "No signed BAA on file: no PHI may go to this vendor.";
            case "not-yet-effective" ->
                "The BAA is not effective before " + v.status().reviewBy() + ".";
            case "baa-expired" -> "The BAA expired on " + v.status().reviewBy() + ": PHI to this vendor is held back.";
            case "verification-lapsed" ->
                "The yearly verification was due on " + v.status().reviewBy() + ": PHI to this vendor is held back.";
            case "baa-expires-soon" -> "The BAA expires on " + v.status().reviewBy() + ": renew it.";
            case "verification-due" ->
                "The yearly verification is due by " + v.status().reviewBy() + ".";
            case "subcontractor-baa" -> "A subcontractor's BAA is missing or expired.";
            default -> null;
        };
    }
}
