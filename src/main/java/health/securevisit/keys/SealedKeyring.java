package health.securevisit.keys;

import com.google.crypto.tink.StreamingAead;
import health.securevisit.keys.internal.BackupKeyring;
import java.security.GeneralSecurityException;

/**
 * A keyring file taken from a backup, opened in memory with the master key of the settings (never
 * written anywhere): it unwraps the backup's data key and gives the keyring's Ed25519 public key.
 * Only file keyrings (sealed by the master key) can be opened this way.
 */
public final class SealedKeyring {

    private final BackupKeyring keyring;

    private SealedKeyring(BackupKeyring keyring) {
        this.keyring = keyring;
    }

    /**
     * Opens {@code file} with the master key named by the settings ({@code SECUREVISIT_MASTER_KEY} or
     * {@code SECUREVISIT_MASTER_KEY_FILE}, from the environment or {@code --securevisit.*} arguments).
     *
     * @throws health.securevisit.platform.StartupException naming the setting, in one line, when no
     *     master key is given, it is malformed, or it does not open the keyring
     */
    public static SealedKeyring open(byte[] file, String[] args) {
        return new SealedKeyring(BackupKeyring.open(file, args));
    }

    /** The data key wrapped by {@link BackupKeys#newKey}; fails if it was altered or belongs elsewhere. */
    public StreamingAead unwrap(String backupId, int kekVersion, byte[] wrapped) throws GeneralSecurityException {
        return keyring.unwrap(backupId, kekVersion, wrapped);
    }

    /** The raw 32-byte Ed25519 public key of the keyring's signing key (the {@link CheckpointSigner} key). */
    public byte[] signingPublicKey() throws GeneralSecurityException {
        return keyring.signingPublicKey();
    }
}
