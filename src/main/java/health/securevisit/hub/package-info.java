/**
 * Hospital-at-home monitoring hubs: the hubs' private CA (its key held by the keys module), one-time
 * enrolment codes, the mutual-TLS hub listener, network mode and uplink compliance, and vital signs
 * stored as encrypted FHIR R4 Observations with thresholds, quarantine and the daily cadence monitor.
 */
@NullMarked
@ApplicationModule(allowedDependencies = {"access", "audit", "keys", "patient", "identity", "network", "platform"})
package health.securevisit.hub;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
