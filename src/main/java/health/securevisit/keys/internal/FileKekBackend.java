package health.securevisit.keys.internal;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.TinkProtoKeysetFormat;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import org.jspecify.annotations.Nullable;

/** KEKs as Tink AES-256-GCM keysets inside the keyring file, which the master key seals. */
final class FileKekBackend implements KekBackend {

    private final Path keyring;

    FileKekBackend(Path keyring) {
        this.keyring = keyring;
    }

    @Override
    public String storage() {
        return "file";
    }

    @Override
    public String location(int version) {
        return keyring.toString();
    }

    @Override
    public byte[] generate(int version) throws GeneralSecurityException {
        return TinkProtoKeysetFormat.serializeKeyset(
                KeysetHandle.generateNew(Tink.AEAD), InsecureSecretKeyAccess.get());
    }

    @Override
    public Aead aead(int version, byte @Nullable [] keyset) throws GeneralSecurityException {
        if (keyset == null) {
            throw new GeneralSecurityException("KEK version " + version + " has no material");
        }
        return Tink.aead(TinkProtoKeysetFormat.parseKeyset(keyset, InsecureSecretKeyAccess.get()));
    }

    @Override
    public void destroy(int version) {
        // The material lives in the keyring document, which drops it when the version is destroyed.
    }
}
