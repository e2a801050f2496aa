package health.securevisit.access;

import health.securevisit.platform.SecureVisitException;

/**
 * The decision point denied the access (403). The message never names the patient or the data; the
 * rule is in the audit record.
 */
public final class AccessDeniedByPolicyException extends SecureVisitException {

    private final String rule;

    public AccessDeniedByPolicyException(String code, String rule, String message) {
        super(Kind.FORBIDDEN, code, message);
        this.rule = rule;
    }

    /** The rule that denied (also the reason of the audit record). */
    public String rule() {
        return rule;
    }
}
