package health.securevisit.access;

import health.securevisit.platform.SecureVisitException;
import java.util.List;
import java.util.Map;

/**
 * The decision point denied the access (403). The message never names the patient or the data; the
 * rule is in the audit record.
 */
public final class AccessDeniedByPolicyException extends SecureVisitException {

    private final String rule;
    private final List<String> failingChecks;

    public AccessDeniedByPolicyException(String code, String rule, String message) {
        this(code, rule, message, List.of());
    }

    /** A denial for the device's posture, naming the checks it fails (problem property {@code failingChecks}). */
    public AccessDeniedByPolicyException(String code, String rule, String message, List<String> failingChecks) {
        super(Kind.FORBIDDEN, code, message);
        this.rule = rule;
        this.failingChecks = List.copyOf(failingChecks);
    }

    @Override
    public Map<String, Object> problemProperties() {
        return failingChecks.isEmpty() ? Map.of() : Map.of("failingChecks", failingChecks, "fix", "/account/device");
    }

    /** The rule that denied (also the reason of the audit record). */
    public String rule() {
        return rule;
    }
}
