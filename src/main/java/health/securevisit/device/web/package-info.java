/** The device API, the posture evidence endpoints and the device pages. */
@NullMarked
package health.securevisit.device.web;

import org.jspecify.annotations.NullMarked;
