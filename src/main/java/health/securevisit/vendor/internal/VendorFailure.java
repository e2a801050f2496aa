package health.securevisit.vendor.internal;

import health.securevisit.platform.SecureVisitException;

/** The vendor register's domain errors: a stable code and a sentence naming the field, never a value. */
public final class VendorFailure extends SecureVisitException {

    private VendorFailure(Kind kind, String code, String message) {
        super(kind, code, message);
    }

    public static VendorFailure invalid(String field, String why) {
        return new VendorFailure(Kind.INVALID, "invalid-vendor", "Field " + field + ": " + why);
    }

    public static VendorFailure datesOutOfOrder() {
        return new VendorFailure(
                Kind.INVALID, "baa-dates-out-of-order", "The BAA's expiry date must be after its effective date.");
    }

    public static VendorFailure duplicate() {
        return new VendorFailure(
                Kind.CONFLICT, "vendor-exists", "A vendor with this key or name is already in the register.");
    }

    public static VendorFailure notFound() {
        return new VendorFailure(Kind.NOT_FOUND, "vendor-not-found", "There is no such vendor.");
    }

    public static VendorFailure notPdf() {
        return new VendorFailure(Kind.INVALID, "baa-not-pdf", "The BAA document must be a PDF file.");
    }

    public static VendorFailure tooLarge(long limit) {
        return new VendorFailure(Kind.INVALID, "baa-too-large", "The BAA document is larger than " + limit + " bytes.");
    }

    public static VendorFailure noDocument() {
        return new VendorFailure(Kind.NOT_FOUND, "baa-not-on-file", "This vendor has no BAA document on file.");
    }
}
