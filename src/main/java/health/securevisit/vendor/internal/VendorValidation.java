package health.securevisit.vendor.internal;

import health.securevisit.platform.EgressGate;
import health.securevisit.platform.FreeText;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/** Checks a {@link VendorInput} completely before anything is stored; the first problem is thrown. */
final class VendorValidation {

    static final Pattern KEY = Pattern.compile("[a-z0-9][a-z0-9-]{1,62}");
    static final int MAX_SUBCONTRACTORS = 50;

    private VendorValidation() {}

    /** The facts of {@code in} (with {@code key} from the path when updating). */
    static VendorFacts check(VendorInput in, @Nullable String fixedKey) {
        String key = fixedKey != null ? fixedKey : required("key", in.key(), 64);
        if (!KEY.matcher(key).matches()) {
            throw VendorFailure.invalid("key", "2 to 63 lower-case letters, digits and dashes.");
        }
        if (key.equals(EgressGate.SELF_HOSTED)) {
            throw VendorFailure.invalid(
                    "key", "'" + EgressGate.SELF_HOSTED + "' is reserved for services we run ourselves.");
        }
        String name = required("name", in.name(), 200);
        String services = required("services", in.services(), 1000);
        String owner = required("owner", in.owner(), 200);
        List<PhiCategory> categories = new ArrayList<>();
        for (String c : in.phiCategories() == null ? List.<String>of() : in.phiCategories()) {
            try {
                PhiCategory category = PhiCategory.valueOf(c);
                if (!categories.contains(category)) {
                    categories.add(category);
                }
            } catch (IllegalArgumentException e) {
                throw VendorFailure.invalid("phiCategories", "one of " + List.of(PhiCategory.values()) + ".");
            }
        }
        if (categories.isEmpty()) {
            throw VendorFailure.invalid("phiCategories", "name at least one category of data the vendor receives.");
        }
        VendorInput.BaaInput b = in.baa() == null ? new VendorInput.BaaInput(null, null, null, null, null) : in.baa();
        LocalDate effective = date("baa.effective", b.effective());
        LocalDate expires = date("baa.expires", b.expires());
        if (effective != null && expires != null && !expires.isAfter(effective)) {
            throw VendorFailure.datesOutOfOrder();
        }
        if ((effective == null) != (expires == null)) {
            throw VendorFailure.invalid("baa", "give both the effective and the expiry date, or neither.");
        }
        Integer breach = b.breachNoticeDays();
        if (breach != null && (breach < 1 || breach > 60)) {
            throw VendorFailure.invalid("baa.breachNoticeDays", "1 to 60 days (HIPAA allows at most 60).");
        }
        String returnOrDestroy = optional("baa.returnOrDestroy", b.returnOrDestroy(), 1000);
        List<VendorRecord.Subcontractor> subs = new ArrayList<>();
        List<VendorInput.SubcontractorInput> given = in.subcontractors() == null ? List.of() : in.subcontractors();
        if (given.size() > MAX_SUBCONTRACTORS) {
            throw VendorFailure.invalid("subcontractors", "at most " + MAX_SUBCONTRACTORS + ".");
        }
        for (VendorInput.SubcontractorInput s : given) {
            subs.add(new VendorRecord.Subcontractor(
                    required("subcontractors.name", s.name(), 200),
                    required("subcontractors.services", s.services(), 500),
                    date("subcontractors.baaExpires", s.baaExpires()),
                    Boolean.TRUE.equals(s.flowDown())));
        }
        return new VendorFacts(
                key,
                name,
                services,
                List.copyOf(categories),
                owner,
                new VendorRecord.Baa(effective, expires, breach, Boolean.TRUE.equals(b.flowDown()), returnOrDestroy),
                List.copyOf(subs));
    }

    /** Checked facts of a vendor, ready to store. */
    record VendorFacts(
            String key,
            String name,
            String services,
            List<PhiCategory> categories,
            String owner,
            VendorRecord.Baa baa,
            List<VendorRecord.Subcontractor> subcontractors) {}

    private static String required(String field, @Nullable String value, int max) {
        String v = optional(field, value, max);
        if (v == null) {
            throw VendorFailure.invalid(field, "required.");
        }
        return v;
    }

    private static @Nullable String optional(String field, @Nullable String value, int max) {
        if (value == null || FreeText.visibleLength(value) == 0) {
            return null;
        }
        String v = FreeText.normalized(value.strip())
                .orElseThrow(() -> VendorFailure.invalid(field, "hidden or direction-changing characters."));
        if (v.length() > max) {
            throw VendorFailure.invalid(field, "at most " + max + " characters.");
        }
        return v;
    }

    private static @Nullable LocalDate date(String field, @Nullable String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            LocalDate d = LocalDate.parse(value);
            if (d.getYear() < 1990 || d.getYear() > 2200) {
                throw VendorFailure.invalid(field, "a date between 1990 and 2200.");
            }
            return d;
        } catch (DateTimeParseException e) {
            throw VendorFailure.invalid(field, "a date as YYYY-MM-DD.");
        }
    }
}
