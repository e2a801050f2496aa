/**
 * The one access decision point for PHI: role, care relationship and visit window, identity
 * verification, MFA freshness, device posture, training status, break-glass. Default deny; every
 * decision, allow and deny, is audited with the rule that decided.
 */
@NullMarked
package health.securevisit.access;

import org.jspecify.annotations.NullMarked;
