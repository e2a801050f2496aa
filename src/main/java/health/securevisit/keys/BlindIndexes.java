package health.securevisit.keys;

/**
 * Keyed blind indexes: a deterministic keyed hash of a normalised value, so that equal values can
 * be found without storing them in plaintext.
 *
 * <p>Security guarantees: HMAC-SHA256 (PRF) under a 256-bit key per {@code purpose}, held like a data
 * key (wrapped by the key-encryption key, never stored unwrapped); without the key an index reveals
 * nothing but equality. Indexes of different purposes are unrelated. The caller normalises values.
 */
public interface BlindIndexes {

    /** The 32-byte index of {@code normalizedValue} for {@code purpose} (for example {@code patient.mrn}). */
    byte[] index(String purpose, byte[] normalizedValue);
}
