package health.securevisit.access.internal;

import health.securevisit.identity.Role;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What {@link Rules} decided: allowed or not, the stable code of the rule that decided, the role it
 * was decided for (null when no role was involved), and whether it rests on a break-glass grant.
 */
public record Verdict(
        boolean allowed, String rule, @Nullable Role role, boolean breakGlass) {

    public Verdict {
        Objects.requireNonNull(rule, "rule");
    }

    static Verdict allow(String rule, Role role) {
        return new Verdict(true, rule, role, false);
    }

    static Verdict breakGlass(Role role) {
        return new Verdict(true, Rules.BREAK_GLASS, role, true);
    }

    static Verdict deny(String rule, @Nullable Role role) {
        return new Verdict(false, rule, role, false);
    }
}
