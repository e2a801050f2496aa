/**
 * The workforce program: security training (courses as data, assignment by role at hire and yearly,
 * attested completions as xAPI-style statements, the training status the access decision point asks
 * for), versioned policies with acknowledgements, periodic access reviews and leavers'
 * deprovisioning clock, each contributing its evidence to the compliance report.
 */
@NullMarked
@ApplicationModule(allowedDependencies = {"access", "identity", "audit", "platform"})
package health.securevisit.workforce;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
