package health.securevisit.keys.internal;

import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.PublicKeySign;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.signature.Ed25519PublicKey;
import health.securevisit.keys.CheckpointSigner;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.GeneralSecurityException;
import java.util.Base64;
import org.bouncycastle.asn1.edec.EdECObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;

/** {@link CheckpointSigner} with the Ed25519 key of the keyring (Tink, no output prefix: plain RFC 8032 signatures). */
final class KeyringSigner implements CheckpointSigner {

    private final PublicKeySign signer;
    private final byte[] publicKey;

    KeyringSigner(Keyring keyring) {
        Tink.ensureRegistered();
        try {
            KeysetHandle key = keyring.signingKey();
            this.signer = key.getPrimitive(RegistryConfiguration.get(), PublicKeySign.class);
            Ed25519PublicKey pub =
                    (Ed25519PublicKey) key.getPublicKeysetHandle().getPrimary().getKey();
            this.publicKey = pub.getPublicKeyBytes().toByteArray();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the keyring's signing key cannot be used", e);
        }
    }

    @Override
    public byte[] sign(byte[] message) {
        try {
            return signer.sign(message);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("signing failed", e);
        }
    }

    @Override
    public byte[] publicKey() {
        return publicKey.clone();
    }

    @Override
    public String publicKeyPem() {
        try {
            byte[] spki = new SubjectPublicKeyInfo(new AlgorithmIdentifier(EdECObjectIdentifiers.id_Ed25519), publicKey)
                    .getEncoded();
            return "-----BEGIN PUBLIC KEY-----\n"
                    + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(spki)
                    + "\n-----END PUBLIC KEY-----\n";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
