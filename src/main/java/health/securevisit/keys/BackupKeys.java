package health.securevisit.keys;

import com.google.crypto.tink.StreamingAead;
import java.io.IOException;
import java.security.GeneralSecurityException;

/**
 * Keys for backups of the data directory and database.
 *
 * <p>Security guarantees: {@link #newKey} makes a fresh AES-256-GCM-HKDF streaming data key for one
 * backup and returns it wrapped by the active key-encryption key (associated data: the backup id);
 * the unwrapped key exists only in memory. {@link #sealedKeyring} is the keyring file as stored,
 * sealed by the master key (or the token): it never contains the master key. A backup is read back
 * with {@link SealedKeyring}, which needs the master key.
 */
public interface BackupKeys {

    /** A new streaming data key for the backup {@code backupId}, and its wrapped form. */
    NewKey newKey(String backupId) throws GeneralSecurityException;

    /** The keyring file's bytes, exactly as on disk (ciphertext). */
    byte[] sealedKeyring() throws IOException;

    /** A backup's data key: the primitive to encrypt with, and what to store beside the ciphertext. */
    record NewKey(int kekVersion, byte[] wrapped, StreamingAead aead) {
        @Override
        public String toString() {
            return "NewKey[kekVersion=" + kekVersion + "]";
        }
    }
}
