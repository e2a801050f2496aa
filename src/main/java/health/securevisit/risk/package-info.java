/**
 * The PHI data-flow map drawn from the running configuration, the telehealth threat catalog and the
 * NIST SP 800-30 r1 risk register (scenarios, yearly re-assessment, report).
 */
@NullMarked
package health.securevisit.risk;

import org.jspecify.annotations.NullMarked;
