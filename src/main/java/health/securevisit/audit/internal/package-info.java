/** Storage, Merkle tree, checkpoints, verification, retention and export of the audit trail. */
@NullMarked
package health.securevisit.audit.internal;

import org.jspecify.annotations.NullMarked;
