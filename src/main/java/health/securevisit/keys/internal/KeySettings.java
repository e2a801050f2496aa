package health.securevisit.keys.internal;

import java.nio.file.Path;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Settings of the keys module, bound from {@code SECUREVISIT_*} environment variables: where the
 * key-encryption keys live ({@code SECUREVISIT_KEYRING}), the master key of a file keyring
 * ({@code SECUREVISIT_MASTER_KEY} or {@code SECUREVISIT_MASTER_KEY_FILE}), the PKCS#11 token
 * ({@code SECUREVISIT_PKCS11_*}) and tuning ({@code SECUREVISIT_KEYS_*}). {@link #toString()} never
 * shows the master key or the PIN.
 *
 * @param keyring {@code file} (keyring file wrapped by the master key) or {@code pkcs11}
 * @param masterKey 32 random bytes in base64
 * @param masterKeyFile a file holding the master key in base64
 */
@ConfigurationProperties("securevisit")
record KeySettings(
        @DefaultValue("file") String keyring,
        @Nullable String masterKey,
        @Nullable Path masterKeyFile,
        @DefaultValue Pkcs11 pkcs11,
        @DefaultValue Tuning keys) {

    static final String KEYRING = "SECUREVISIT_KEYRING";
    static final String MASTER_KEY = "SECUREVISIT_MASTER_KEY";
    static final String MASTER_KEY_FILE = "SECUREVISIT_MASTER_KEY_FILE";

    /**
     * @param library the PKCS#11 module, e.g. {@code /usr/lib/softhsm/libsofthsm2.so}
     * @param slot the slot id; when absent, {@code slotIndex} picks from the slot list
     * @param pin the user PIN of the token
     */
    record Pkcs11(
            @Nullable Path library,
            @Nullable Long slot,
            @DefaultValue("0") int slotIndex,
            @Nullable String pin) {

        static final String LIBRARY = "SECUREVISIT_PKCS11_LIBRARY";
        static final String SLOT = "SECUREVISIT_PKCS11_SLOT";
        static final String PIN = "SECUREVISIT_PKCS11_PIN";

        @Override
        public String toString() {
            return "Pkcs11[library=" + library + ", slot=" + slot + ", slotIndex=" + slotIndex + ", pin=***]";
        }
    }

    /**
     * @param dekCacheSize how many unwrapped data keys are kept in memory (least recently used go)
     * @param dekCacheTtl how long an unwrapped data key stays cached (bounds how long another node
     *     keeps a shredded key)
     * @param rewrapBatchSize data keys re-wrapped per transaction during a rotation
     * @param rewrapPause pause between batches, to keep a rotation gentle on the database
     * @param warmup how much data the crypto warm-up pushes through at start (0 to skip)
     */
    record Tuning(
            @DefaultValue("10000") int dekCacheSize,
            @DefaultValue("5m") Duration dekCacheTtl,
            @DefaultValue("200") int rewrapBatchSize,
            @DefaultValue("0s") Duration rewrapPause,
            @DefaultValue("192MB") DataSize warmup) {}

    boolean pkcs11Keyring() {
        return "pkcs11".equalsIgnoreCase(keyring);
    }

    @Override
    public String toString() {
        return "KeySettings[keyring=" + keyring + ", masterKey=" + (masterKey == null ? "unset" : "***")
                + ", masterKeyFile=" + masterKeyFile + ", pkcs11=" + pkcs11 + ", keys=" + keys + "]";
    }
}
