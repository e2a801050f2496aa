package health.securevisit.keys.internal;

import com.google.crypto.tink.Aead;
import java.security.GeneralSecurityException;
import org.jspecify.annotations.Nullable;

/** Where key-encryption key material lives: inside the sealed keyring file, or in a PKCS#11 token. */
interface KekBackend {

    /** {@code file} or {@code pkcs11}. */
    String storage();

    /** Where version {@code version} is kept (never the key). */
    String location(int version);

    /** Creates version {@code version}; returns its keyset to keep in the keyring, or null if the token keeps it. */
    byte @Nullable [] generate(int version) throws GeneralSecurityException;

    Aead aead(int version, byte @Nullable [] keyset) throws GeneralSecurityException;

    /** Destroys the material of {@code version} where the backend keeps it. */
    void destroy(int version) throws GeneralSecurityException;
}
