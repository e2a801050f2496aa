package health.securevisit.keys;

import java.time.Instant;

/**
 * A security event: stored ciphertext failed authentication (tampering, misplacement, or a
 * destroyed key). Names the object only (table, column and row id, or artifact id), never content.
 */
public record CiphertextIntegrityFailed(String object, Instant at) {}
