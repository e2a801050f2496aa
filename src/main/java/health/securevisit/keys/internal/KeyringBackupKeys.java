package health.securevisit.keys.internal;

import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.TinkProtoKeysetFormat;
import health.securevisit.keys.BackupKeys;
import java.io.IOException;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import org.springframework.stereotype.Component;

/** {@link BackupKeys} with the open keyring: backup data keys wrapped by the active KEK. */
@Component
class KeyringBackupKeys implements BackupKeys {

    private final Keyring keyring;

    KeyringBackupKeys(Keyring keyring) {
        this.keyring = keyring;
    }

    @Override
    public NewKey newKey(String backupId) throws GeneralSecurityException {
        if (!KeyringProtection.MASTER_KEY.equals(keyring.protection().kind())) {
            throw new GeneralSecurityException("backups of a keyring sealed in a PKCS#11 token are not supported");
        }
        KeysetHandle key = KeysetHandle.generateNew(Tink.STREAMING);
        return keyring.withActiveKek((version, kek) -> new NewKey(
                version,
                TinkProtoKeysetFormat.serializeEncryptedKeyset(key, kek, BackupKeyring.aad(backupId)),
                Tink.streaming(key)));
    }

    @Override
    public byte[] sealedKeyring() throws IOException {
        return Files.readAllBytes(keyring.file().path());
    }
}
