/** The segmentation policy, the probe and its evidence. */
@NullMarked
package health.securevisit.segmentation.internal;

import org.jspecify.annotations.NullMarked;
