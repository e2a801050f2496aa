package health.securevisit.keys.internal;

import com.google.crypto.tink.Aead;
import java.security.GeneralSecurityException;
import org.jspecify.annotations.Nullable;

/** KEKs as non-extractable AES-256 keys in a PKCS#11 token, one token object per version. */
final class Pkcs11KekBackend implements KekBackend {

    private final Pkcs11Token token;

    Pkcs11KekBackend(Pkcs11Token token) {
        this.token = token;
    }

    static String alias(int version) {
        return "securevisit-kek-" + version;
    }

    @Override
    public String storage() {
        return "pkcs11";
    }

    @Override
    public String location(int version) {
        return token.description() + " alias " + alias(version);
    }

    @Override
    public byte @Nullable [] generate(int version) throws GeneralSecurityException {
        token.generate(alias(version));
        return null;
    }

    @Override
    public Aead aead(int version, byte @Nullable [] keyset) throws GeneralSecurityException {
        return token.aead(alias(version));
    }

    @Override
    public void destroy(int version) throws GeneralSecurityException {
        token.delete(alias(version));
    }
}
