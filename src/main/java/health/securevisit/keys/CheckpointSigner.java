package health.securevisit.keys;

/**
 * The Ed25519 key that signs audit checkpoints, kept in the keyring. Its private half never leaves
 * the keys module; the public key is exportable so that outside parties can verify checkpoints.
 */
public interface CheckpointSigner {

    /** Ed25519 signature (64 bytes) of {@code message}. */
    byte[] sign(byte[] message);

    /** The raw 32-byte Ed25519 public key. */
    byte[] publicKey();

    /** The public key as an X.509 SubjectPublicKeyInfo PEM block. */
    String publicKeyPem();
}
