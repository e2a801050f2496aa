package health.securevisit.keys;

import java.nio.charset.StandardCharsets;

/**
 * Encryption of PHI column values: the one way modules store PHI fields (no module does its own
 * crypto).
 *
 * <p>Security guarantees: AES-256-GCM (Tink AEAD) under a data key of the binding's scope, the data
 * key wrapped by the active key-encryption key and never stored unwrapped. The ciphertext is bound
 * as associated data to the scope, table, column and row id of its {@link FieldBinding}: a
 * ciphertext copied to another row, column, table or scope fails to decrypt. Decryption never
 * returns unverified plaintext.
 */
public interface FieldEncryption {

    byte[] encrypt(FieldBinding binding, byte[] plaintext);

    /**
     * @throws CiphertextIntegrityException if the ciphertext was altered, belongs to another place,
     *     or its scope's data key was destroyed (crypto-shredded)
     */
    byte[] decrypt(FieldBinding binding, byte[] ciphertext);

    default byte[] encryptText(FieldBinding binding, String plaintext) {
        return encrypt(binding, plaintext.getBytes(StandardCharsets.UTF_8));
    }

    default String decryptText(FieldBinding binding, byte[] ciphertext) {
        return new String(decrypt(binding, ciphertext), StandardCharsets.UTF_8);
    }
}
