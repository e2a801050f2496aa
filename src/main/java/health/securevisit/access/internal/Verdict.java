package health.securevisit.access.internal;

import health.securevisit.identity.Role;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What {@link Rules} decided: allowed or not, the stable code of the rule that decided, the role it
 * was decided for (null when no role was involved), whether it rests on a break-glass grant, and
 * whether the patient's identity data points are masked (allowed, but before the identity step).
 */
public record Verdict(
        boolean allowed, String rule, @Nullable Role role, boolean breakGlass, boolean identityDataMasked) {

    public Verdict {
        Objects.requireNonNull(rule, "rule");
    }

    public Verdict(boolean allowed, String rule, @Nullable Role role, boolean breakGlass) {
        this(allowed, rule, role, breakGlass, false);
    }

    static Verdict allow(String rule, Role role) {
        return new Verdict(true, rule, role, false);
    }

    /** Allowed, with the identity data points withheld (the name stays). */
    static Verdict allowMasked(String rule, Role role) {
        return new Verdict(true, rule, role, false, true);
    }

    static Verdict breakGlass(Role role) {
        return new Verdict(true, Rules.BREAK_GLASS, role, true);
    }

    static Verdict deny(String rule, @Nullable Role role) {
        return new Verdict(false, rule, role, false);
    }
}
