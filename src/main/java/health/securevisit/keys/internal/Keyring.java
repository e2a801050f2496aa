package health.securevisit.keys.internal;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.TinkProtoKeysetFormat;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.LongSupplier;

/**
 * The open keyring: key-encryption key versions (material in the keyring file or in the token) and
 * the Ed25519 checkpoint signing key. Every change is written through to the keyring file
 * atomically before it takes effect.
 */
final class Keyring {

    private final KeyringFile file;
    private final KeyringProtection protection;
    private final KekBackend backend;
    private final Clock clock;
    private final Map<Integer, Aead> keks = new ConcurrentHashMap<>();
    /** Held (shared) while a data key is wrapped and stored, (exclusive) while a version is destroyed. */
    private final ReadWriteLock use = new ReentrantReadWriteLock();

    private volatile KeyringDocument document;

    private Keyring(
            KeyringFile file, KeyringProtection protection, KekBackend backend, KeyringDocument document, Clock clock) {
        this.file = file;
        this.protection = protection;
        this.backend = backend;
        this.document = document;
        this.clock = clock;
    }

    /** A new keyring with KEK version 1 and a new signing key. */
    static Keyring create(KeyringFile file, KeyringProtection protection, KekBackend backend, Clock clock)
            throws GeneralSecurityException, IOException {
        var now = clock.instant();
        byte[] kek = backend.generate(1);
        byte[] signing = TinkProtoKeysetFormat.serializeKeyset(
                KeysetHandle.generateNew(Tink.SIGNING), InsecureSecretKeyAccess.get());
        KeyringDocument document = new KeyringDocument(
                backend.storage(),
                now,
                List.of(new KeyringDocument.Kek(1, now, null, null, kek)),
                new KeyringDocument.Signing(now, signing));
        file.save(document, protection);
        return new Keyring(file, protection, backend, document, clock);
    }

    static Keyring open(KeyringFile file, KeyringProtection protection, KekBackend backend, Clock clock) {
        return new Keyring(file, protection, backend, file.open(protection), clock);
    }

    KeyringDocument document() {
        return document;
    }

    int activeVersion() {
        return document.active().version();
    }

    /** The KEK of {@code version}; fails if the version is unknown or destroyed. */
    Aead kek(int version) throws GeneralSecurityException {
        Aead cached = keks.get(version);
        if (cached != null) {
            return cached;
        }
        KeyringDocument.Kek entry = document.kek(version);
        if (entry == null || !entry.live()) {
            throw new GeneralSecurityException("KEK version " + version + " is not available");
        }
        Aead aead = backend.aead(version, entry.keyset());
        keks.put(version, aead);
        return aead;
    }

    /** Something done with the active KEK that must finish before any version can be destroyed. */
    interface KekUse<T> {
        T apply(int version, Aead kek) throws GeneralSecurityException;
    }

    <T> T withActiveKek(KekUse<T> action) throws GeneralSecurityException {
        use.readLock().lock();
        try {
            int version = activeVersion();
            return action.apply(version, kek(version));
        } finally {
            use.readLock().unlock();
        }
    }

    /**
     * Destroys a retired version if {@code references} (counted while no data key can be wrapped)
     * is zero; returns whether it did.
     */
    boolean destroyIfUnreferenced(int version, LongSupplier references) throws GeneralSecurityException, IOException {
        use.writeLock().lock();
        try {
            if (references.getAsLong() > 0) {
                return false;
            }
            destroy(version);
            return true;
        } finally {
            use.writeLock().unlock();
        }
    }

    /** Creates the next KEK version and makes it active; the previous one is retired. */
    synchronized int addVersion() throws GeneralSecurityException, IOException {
        int version = activeVersion() + 1;
        KeyringDocument next = document.withNewKek(backend.generate(version), clock.instant());
        file.save(next, protection);
        document = next;
        return version;
    }

    private synchronized void destroy(int version) throws GeneralSecurityException, IOException {
        if (version == activeVersion()) {
            throw new IllegalStateException("the active KEK version cannot be destroyed");
        }
        KeyringDocument next = document.withDestroyed(version, clock.instant());
        file.save(next, protection);
        document = next;
        keks.remove(version);
        backend.destroy(version);
    }

    KeysetHandle signingKey() throws GeneralSecurityException {
        return TinkProtoKeysetFormat.parseKeyset(document.signing().keyset(), InsecureSecretKeyAccess.get());
    }

    KeyringProtection protection() {
        return protection;
    }

    KekBackend backend() {
        return backend;
    }

    KeyringFile file() {
        return file;
    }
}
