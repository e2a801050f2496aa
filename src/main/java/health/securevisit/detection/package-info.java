/**
 * Detection: rules in a Sigma subset evaluated over the audit trail as it is written (off the
 * request path, from a durable cursor), and the security alerts they raise.
 */
@NullMarked
package health.securevisit.detection;

import org.jspecify.annotations.NullMarked;
