/**
 * Incidents: from alerts or by hand, timeline, tasks, involved accounts, devices and patients,
 * containment; breach assessment and the notification clocks of 45 CFR 164.400-414; the
 * communication plan; quarterly tabletop drills on a separate drill trail.
 */
@NullMarked
package health.securevisit.incident;

import org.jspecify.annotations.NullMarked;
