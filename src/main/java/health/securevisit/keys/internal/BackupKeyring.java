package health.securevisit.keys.internal;

import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.StreamingAead;
import com.google.crypto.tink.TinkProtoKeysetFormat;
import com.google.crypto.tink.signature.Ed25519PublicKey;
import health.securevisit.platform.StartupException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.SimpleCommandLinePropertySource;
import org.springframework.core.env.StandardEnvironment;

/** The keyring document of a backup, opened in memory with the configured master key. */
public final class BackupKeyring {

    private final KeyringDocument document;

    private BackupKeyring(KeyringDocument document) {
        this.document = document;
    }

    public static BackupKeyring open(byte[] file, String[] args) {
        Tink.ensureRegistered();
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new SimpleCommandLinePropertySource(args));
        KeySettings settings = Binder.get(environment).bindOrCreate("securevisit", KeySettings.class);
        if (settings.pkcs11Keyring()) {
            throw new StartupException(
                    KeySettings.KEYRING, "restoring a keyring sealed in a PKCS#11 token is not supported");
        }
        if ((settings.masterKey() == null || settings.masterKey().isBlank()) && settings.masterKeyFile() == null) {
            throw new StartupException(
                    KeySettings.MASTER_KEY,
                    "the backup's keyring is sealed by a master key, which a backup never holds:"
                            + " set SECUREVISIT_MASTER_KEY or SECUREVISIT_MASTER_KEY_FILE");
        }
        KeyringProtection protection = MasterKey.resolve(settings, Path.of("keys"), false);
        return new BackupKeyring(KeyringFile.open(file, protection));
    }

    public StreamingAead unwrap(String backupId, int kekVersion, byte[] wrapped) throws GeneralSecurityException {
        KeyringDocument.Kek kek = document.kek(kekVersion);
        if (kek == null || !kek.live()) {
            throw new GeneralSecurityException("the backup's KEK version is not in its keyring");
        }
        KeysetHandle handle = TinkProtoKeysetFormat.parseEncryptedKeyset(
                wrapped, new FileKekBackend(Path.of(KeyringFile.NAME)).aead(kekVersion, kek.keyset()), aad(backupId));
        return Tink.streaming(handle);
    }

    public byte[] signingPublicKey() throws GeneralSecurityException {
        KeysetHandle signing =
                TinkProtoKeysetFormat.parseKeyset(document.signing().keyset(), InsecureSecretKeyAccess.get());
        return ((Ed25519PublicKey) signing.getPublicKeysetHandle().getPrimary().getKey())
                .getPublicKeyBytes()
                .toByteArray();
    }

    static byte[] aad(String backupId) {
        return ("securevisit-backup-key|" + backupId).getBytes(StandardCharsets.UTF_8);
    }
}
