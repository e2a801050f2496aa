/** HTTP API and console pages of incidents and drills. */
@NullMarked
package health.securevisit.incident.web;

import org.jspecify.annotations.NullMarked;
