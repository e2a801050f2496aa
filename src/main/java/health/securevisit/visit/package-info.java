/**
 * Visits: scheduling, care team, lifecycle (SCHEDULED, WAITING, IDENTITY_VERIFIED, IN_PROGRESS,
 * ENDED, CANCELLED, NO_SHOW), identity verification at visit start, patient join links, the chart
 * view. Provides the access module's care relationships.
 */
@NullMarked
@ApplicationModule(allowedDependencies = {"access", "patient", "identity", "audit", "platform"})
package health.securevisit.visit;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
