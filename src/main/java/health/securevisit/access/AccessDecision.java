package health.securevisit.access;

import java.util.Objects;

/**
 * The outcome of one decision: whether the access may proceed (decide) and what of it may be seen
 * (mask), kept apart as in HAPI FHIR's consent service.
 *
 * @param allowed whether the access may proceed
 * @param rule the stable code of the rule that decided (for example {@code care-team-visit-window},
 *     {@code staff-no-clinical}, {@code break-glass}, {@code default-deny}); it is the reason of the
 *     decision's audit event
 * @param breakGlass whether the access rests on a break-glass grant (audited with purpose EMERGENCY)
 * @param auditSeq the sequence number of the decision's durable audit record
 * @param identityDataMasked whether the patient's identity data points (date of birth, address, phone,
 *     email, MRN, insurance id) must be withheld: a clinician before the identity step of the visit.
 *     The name stays visible. Always false for a denial.
 */
public record AccessDecision(
        boolean allowed, String rule, boolean breakGlass, long auditSeq, boolean identityDataMasked) {

    public AccessDecision {
        Objects.requireNonNull(rule, "rule");
    }

    public AccessDecision(boolean allowed, String rule, boolean breakGlass, long auditSeq) {
        this(allowed, rule, breakGlass, auditSeq, false);
    }
}
