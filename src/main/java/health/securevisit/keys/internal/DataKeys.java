package health.securevisit.keys.internal;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.StreamingAead;
import com.google.crypto.tink.TinkProtoKeysetFormat;
import health.securevisit.keys.ArtifactExistsException;
import health.securevisit.keys.ScopeShreddedException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.dao.DuplicateKeyException;

/**
 * Envelope encryption of data keys: each data key is a Tink keyset generated here, stored only as
 * {@code KEK.encrypt(keyset, aad = id|name)} and unwrapped on use (then cached under a bound).
 * One field key per crypto-shredding scope; one streaming key per artifact.
 */
final class DataKeys {

    private final DataKeyRepository repository;
    private final Keyring keyring;
    private final DekCache cache;
    private final Clock clock;

    DataKeys(DataKeyRepository repository, Keyring keyring, DekCache cache, Clock clock) {
        this.repository = repository;
        this.keyring = keyring;
        this.cache = cache;
        this.clock = clock;
    }

    static String fieldName(String scope) {
        return DataKeyRepository.FIELD + ":" + scope;
    }

    static String artifactName(String objectId) {
        return DataKeyRepository.ARTIFACT + ":" + objectId;
    }

    /** The field key of {@code scope}, created on first use. */
    Aead fieldKeyForWrite(String scope) throws GeneralSecurityException {
        String name = fieldName(scope);
        Aead cached = cache.get(name, Aead.class);
        if (cached != null) {
            return cached;
        }
        long epoch = cache.epoch();
        Optional<DataKeyRepository.Row> row = repository.find(name);
        if (row.isPresent()) {
            if (!row.get().live()) {
                throw new ScopeShreddedException(scope);
            }
            return cacheAead(name, unwrap(row.get()), epoch);
        }
        KeysetHandle key = KeysetHandle.generateNew(Tink.AEAD);
        try {
            store(name, DataKeyRepository.FIELD, scope, key);
        } catch (DuplicateKeyException raced) {
            return fieldKeyForWrite(scope);
        }
        return cacheAead(name, key, epoch);
    }

    /** The field key of {@code scope}; fails if it never existed or was destroyed. */
    Aead fieldKeyForRead(String scope) throws GeneralSecurityException {
        String name = fieldName(scope);
        Aead cached = cache.get(name, Aead.class);
        if (cached != null) {
            return cached;
        }
        long epoch = cache.epoch();
        return cacheAead(name, unwrap(live(name)), epoch);
    }

    /** A new streaming key for {@code objectId} in {@code scope}. */
    StreamingAead createArtifactKey(String objectId, String scope) throws GeneralSecurityException {
        requireNotShredded(scope);
        String name = artifactName(objectId);
        KeysetHandle key = KeysetHandle.generateNew(Tink.STREAMING);
        try {
            store(name, DataKeyRepository.ARTIFACT, scope, key);
        } catch (DuplicateKeyException taken) {
            throw new ArtifactExistsException(objectId);
        }
        if (repository.find(fieldName(scope)).filter(r -> !r.live()).isPresent()) {
            repository.destroy(name, clock.instant()); // shredded while we were creating it
            throw new ScopeShreddedException(scope);
        }
        return Tink.streaming(key);
    }

    Optional<DataKeyRepository.Row> artifactRow(String objectId) {
        return repository.find(artifactName(objectId));
    }

    StreamingAead artifactKey(String objectId) throws GeneralSecurityException {
        String name = artifactName(objectId);
        StreamingAead cached = cache.get(name, StreamingAead.class);
        if (cached != null) {
            return cached;
        }
        long epoch = cache.epoch();
        StreamingAead streaming = Tink.streaming(unwrap(live(name)));
        cache.put(name, streaming, epoch);
        return streaming;
    }

    /** Forgets the key of a put that failed before anything was stored under it. */
    void forgetArtifactKey(String objectId) {
        String name = artifactName(objectId);
        repository.delete(name);
        cache.evict(List.of(name));
    }

    boolean destroyArtifactKey(String objectId) {
        String name = artifactName(objectId);
        boolean destroyed = repository.destroy(name, clock.instant());
        cache.evict(List.of(name));
        return destroyed;
    }

    /** Destroys every key of {@code scope} and marks the scope shredded; returns the destroyed names. */
    List<String> shred(String scope) {
        String field = fieldName(scope);
        if (repository.find(field).isEmpty()) {
            try {
                repository.insertTombstone(field, DataKeyRepository.FIELD, scope, clock.instant());
            } catch (DuplicateKeyException raced) {
                // created meanwhile: destroyed below with the others
            }
        }
        List<String> destroyed = repository.destroyScope(scope, clock.instant());
        List<String> evict = new ArrayList<>(destroyed);
        evict.add(field);
        cache.evict(evict);
        return destroyed;
    }

    /** The same data key, wrapped by KEK version {@code to}. */
    byte[] rewrap(DataKeyRepository.Row row, int to) throws GeneralSecurityException {
        return TinkProtoKeysetFormat.serializeEncryptedKeyset(unwrap(row), keyring.kek(to), aad(row.id(), row.name()));
    }

    KeysetHandle unwrap(DataKeyRepository.Row row) throws GeneralSecurityException {
        if (!row.live() || row.wrapped() == null || row.kekVersion() == null) {
            throw new GeneralSecurityException("data key " + row.name() + " was destroyed");
        }
        return TinkProtoKeysetFormat.parseEncryptedKeyset(
                row.wrapped(), keyring.kek(row.kekVersion()), aad(row.id(), row.name()));
    }

    private void requireNotShredded(String scope) {
        if (repository.find(fieldName(scope)).filter(r -> !r.live()).isPresent()) {
            throw new ScopeShreddedException(scope);
        }
    }

    private DataKeyRepository.Row live(String name) throws GeneralSecurityException {
        return repository
                .find(name)
                .filter(DataKeyRepository.Row::live)
                .orElseThrow(() -> new GeneralSecurityException("no live data key " + name));
    }

    private void store(String name, String kind, String scope, KeysetHandle key) throws GeneralSecurityException {
        UUID id = UUID.randomUUID();
        keyring.withActiveKek((version, kek) -> {
            byte[] wrapped = TinkProtoKeysetFormat.serializeEncryptedKeyset(key, kek, aad(id, name));
            repository.insert(id, name, kind, scope, version, wrapped, clock.instant());
            return null;
        });
    }

    private Aead cacheAead(String name, KeysetHandle key, long epoch) throws GeneralSecurityException {
        Aead aead = Tink.aead(key);
        cache.put(name, aead, epoch);
        return aead;
    }

    static byte[] aad(UUID id, String name) {
        return ("securevisit-dek/1|" + id + "|" + name).getBytes(StandardCharsets.UTF_8);
    }
}
