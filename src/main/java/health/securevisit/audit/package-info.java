/** The tamper-evident audit trail: recording, Merkle tree, signed checkpoints, proofs, retention, queries, export. */
@NullMarked
package health.securevisit.audit;

import org.jspecify.annotations.NullMarked;
