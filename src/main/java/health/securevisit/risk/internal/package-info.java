/** The map builder and renderer, the 800-30 scales, the threat catalog and the scenario register. */
@NullMarked
package health.securevisit.risk.internal;

import org.jspecify.annotations.NullMarked;
