package health.securevisit.compliance;

import health.securevisit.platform.SecureVisitException;

/** The compliance module's refusals; messages name the input's kind, never echo it. */
public final class ComplianceFailure extends SecureVisitException {

    private ComplianceFailure(Kind kind, String code, String message) {
        super(kind, code, message);
    }

    /** A control id that is not in the catalog (or not in the active profile). */
    public static ComplianceFailure unknownControl() {
        return new ComplianceFailure(
                Kind.NOT_FOUND,
                "unknown-control",
                "No such control in the catalog; GET /api/v1/compliance/controls lists the control ids.");
    }

    /** A report format other than json, html or pdf. */
    public static ComplianceFailure unknownFormat() {
        return new ComplianceFailure(Kind.INVALID, "unknown-format", "The report is available as json, html or pdf.");
    }
}
