/** The rule parser and evaluator, the audit cursor runner and the alert store. */
@NullMarked
package health.securevisit.detection.internal;

import org.jspecify.annotations.NullMarked;
