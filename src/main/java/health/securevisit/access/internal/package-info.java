/** The decision point's implementation: rules, settings, break-glass grants and security alerts. */
@NullMarked
package health.securevisit.access.internal;

import org.jspecify.annotations.NullMarked;
