package health.securevisit.support.interim;

import health.securevisit.keys.CheckpointSigner;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.util.Arrays;
import java.util.Base64;
import org.springframework.stereotype.Component;

/**
 * INTERIM, test sources only: an Ed25519 checkpoint signer with a key pair generated per JVM, so that
 * the audit module's tests and servers start before the keys module's real signer is merged. The
 * lead deletes this class at merge.
 */
@Component
public class InterimCheckpointSigner implements CheckpointSigner {

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
