package health.securevisit.audit.internal;

import health.securevisit.keys.CheckpointSigner;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.util.Arrays;
import java.util.Base64;

/**
 * Unit-test fixture: an Ed25519 checkpoint signer on the JDK with a key pair per JVM, for tests of
 * the tree, notes and verifier that need no keyring. Servers use the keyring's signer.
 */
class JdkTestSigner implements CheckpointSigner {

    private static final KeyPair PAIR = generate();

    private static KeyPair generate() {
        try {
            return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public byte[] sign(byte[] message) {
        try {
            Signature s = Signature.getInstance("Ed25519");
            s.initSign(PAIR.getPrivate());
            s.update(message);
            return s.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public byte[] publicKey() {
        byte[] spki = PAIR.getPublic().getEncoded();
        return Arrays.copyOfRange(spki, spki.length - 32, spki.length);
    }

    @Override
    public String publicKeyPem() {
        return "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder(64, new byte[] {'\n'})
                        .encodeToString(PAIR.getPublic().getEncoded())
                + "\n-----END PUBLIC KEY-----\n";
    }
}
