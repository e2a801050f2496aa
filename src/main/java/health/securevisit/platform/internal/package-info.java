/** Implementation of the runtime foundation: preflight checks, filters, security baseline. */
@NullMarked
package health.securevisit.platform.internal;

import org.jspecify.annotations.NullMarked;
