/** Breach clocks and assessment (pure), incident storage, communication plan, drills. */
@NullMarked
package health.securevisit.incident.internal;

import org.jspecify.annotations.NullMarked;
