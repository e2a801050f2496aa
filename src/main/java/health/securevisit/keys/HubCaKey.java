package health.securevisit.keys;

import java.security.PublicKey;

/**
 * The signing key of the hubs' private certificate authority, held by the keys module like every
 * other key: an ECDSA P-256 key whose PKCS#8 form is stored only as {@link FieldEncryption}
 * ciphertext (its data key wrapped by the active key-encryption key in the sealed keyring file or
 * the PKCS#11 token, re-wrapped by KEK rotation). Created on first use.
 *
 * <p>Security guarantees: the private key never leaves the keys module; callers get signatures
 * only. If the stored key was altered or its data key destroyed, {@link #sign} fails with {@link
 * CiphertextIntegrityException} instead of signing with another key.
 */
public interface HubCaKey {

    /** The JCA name of the signatures {@link #sign} makes. */
    String SIGNATURE_ALGORITHM = "SHA256withECDSA";

    PublicKey publicKey();

    /** A {@link #SIGNATURE_ALGORITHM} signature (DER) of {@code data}. */
    byte[] sign(byte[] data);
}
