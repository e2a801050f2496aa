/** Visit storage, lifecycle, identity verification, join links and the care relationships for access. */
@NullMarked
package health.securevisit.visit.internal;

import org.jspecify.annotations.NullMarked;
