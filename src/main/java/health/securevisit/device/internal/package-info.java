/** Device storage, binding and proofs, posture rules and evidence, the lost-device outbox. */
@NullMarked
package health.securevisit.device.internal;

import org.jspecify.annotations.NullMarked;
