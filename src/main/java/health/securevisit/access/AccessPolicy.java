package health.securevisit.access;

/**
 * The policy decision point every PHI endpoint calls before it reads or changes PHI.
 *
 * <p>Guarantees: default deny; the decision is taken on the full context (the signed-in principal
 * with a satisfied MFA, its roles, MFA method and age, the patient, the visit and its care team and
 * window, identity verification, time, device posture, training status, break-glass grants); every
 * decision, allow and deny, is recorded durably in the audit trail with the rule that decided before
 * this method returns. If the record cannot be written, the call fails with the audit module's
 * {@code AuditUnavailableException} (503): no decision without its record.
 */
public interface AccessPolicy {

    /**
     * Decides, audits, and returns the decision when allowed.
     *
     * @throws AccessDeniedByPolicyException (403) when denied, after the denial is audited; its code is
     *     {@code identity-not-verified} or {@code step-up-required} for those rules, otherwise
     *     {@code access-denied}
     */
    AccessDecision authorize(AccessRequest request);

    /** Decides and audits without throwing (for filtering lists: each decision is still audited). */
    AccessDecision decide(AccessRequest request);
}
