package health.securevisit.keys.internal;

import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.TinkProtoKeysetFormat;
import com.google.crypto.tink.prf.PredefinedPrfParameters;
import com.google.crypto.tink.prf.PrfConfig;
import com.google.crypto.tink.prf.PrfSet;
import health.securevisit.keys.BlindIndexes;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.transaction.support.TransactionOperations;

/**
 * {@link BlindIndexes} with Tink's HMAC-SHA256 PRF. The key of a purpose is a data key like any
 * other: a Tink keyset stored only wrapped by the active KEK in {@code keys_data_key} (kind
 * {@code blind-index}, name and scope {@code blind-index:<purpose>}), so KEK rotation re-wraps it and
 * it survives restarts unchanged. It is created on first use in its own transaction, so a caller's
 * rollback never loses a key that indexes were already computed with, and two first uses racing
 * end with the one key the database kept.
 */
final class HmacBlindIndexes implements BlindIndexes {

    static final String KIND = "blind-index";
    static final String ALGORITHM = "HMAC-SHA256 (Tink PRF)";
    static final int LENGTH = 32;
    private static final Pattern PURPOSE = Pattern.compile("[a-z0-9][a-z0-9._-]{0,99}");

    static {
        try {
            PrfConfig.register();
        } catch (GeneralSecurityException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final DataKeyRepository repository;
    private final DataKeys keys;
    private final Keyring keyring;
    private final DekCache cache;
    private final TransactionOperations newTransaction;
    private final Clock clock;

    HmacBlindIndexes(
            DataKeyRepository repository,
            DataKeys keys,
            Keyring keyring,
            DekCache cache,
            TransactionOperations newTransaction,
            Clock clock) {
        this.repository = repository;
        this.keys = keys;
        this.keyring = keyring;
        this.cache = cache;
        this.newTransaction = newTransaction;
        this.clock = clock;
    }

    static String keyName(String purpose) {
        return KIND + ":" + purpose;
    }

    @Override
    public byte[] index(String purpose, byte[] normalizedValue) {
        if (!PURPOSE.matcher(purpose).matches()) {
            throw new IllegalArgumentException("a blind-index purpose is 1-100 of a-z 0-9 . _ - (got an invalid one)");
        }
        try {
            return prf(purpose).computePrimary(normalizedValue, LENGTH);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the blind-index key of " + purpose + " is unusable", e);
        }
    }

    private PrfSet prf(String purpose) throws GeneralSecurityException {
        String name = keyName(purpose);
        PrfSet cached = cache.get(name, PrfSet.class);
        if (cached != null) {
            return cached;
        }
        long epoch = cache.epoch();
        Optional<DataKeyRepository.Row> row = repository.find(name);
        KeysetHandle key = row.isPresent() ? keys.unwrap(row.get()) : create(name);
        PrfSet prf = key.getPrimitive(RegistryConfiguration.get(), PrfSet.class);
        cache.put(name, prf, epoch);
        return prf;
    }

    private KeysetHandle create(String name) throws GeneralSecurityException {
        KeysetHandle key = KeysetHandle.generateNew(PredefinedPrfParameters.HMAC_SHA256_PRF);
        UUID id = UUID.randomUUID();
        try {
            newTransaction.executeWithoutResult(status -> {
                try {
                    keyring.withActiveKek((version, kek) -> {
                        byte[] wrapped =
                                TinkProtoKeysetFormat.serializeEncryptedKeyset(key, kek, DataKeys.aad(id, name));
                        repository.insert(id, name, KIND, name, version, wrapped, clock.instant());
                        return null;
                    });
                } catch (GeneralSecurityException e) {
                    throw new IllegalStateException("the blind-index key " + name + " could not be wrapped", e);
                }
            });
            return key;
        } catch (DuplicateKeyException raced) {
            return keys.unwrap(repository.find(name).orElseThrow(() -> raced));
        }
    }
}
