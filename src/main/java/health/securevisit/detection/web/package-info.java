/** HTTP API and console pages of detection: alerts, rules, the workforce-patient register. */
@NullMarked
package health.securevisit.detection.web;

import org.jspecify.annotations.NullMarked;
