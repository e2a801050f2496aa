package health.securevisit.access;

import java.util.Objects;

/**
 * The outcome of one decision.
 *
 * @param allowed whether the access may proceed
 * @param rule the stable code of the rule that decided (for example {@code care-team-visit-window},
 *     {@code staff-no-clinical}, {@code break-glass}, {@code default-deny}); it is the reason of the
 *     decision's audit event
 * @param breakGlass whether the access rests on a break-glass grant (audited with purpose EMERGENCY)
 * @param auditSeq the sequence number of the decision's durable audit record
 */
public record AccessDecision(boolean allowed, String rule, boolean breakGlass, long auditSeq) {

    public AccessDecision {
        Objects.requireNonNull(rule, "rule");
    }
}
