package health.securevisit.keys.internal;

import health.securevisit.platform.StartupException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

/**
 * Opens the keyring at start-up, or creates it on the very first start, and refuses to start (one
 * line naming the setting) when it would risk existing data: a wrong master key or token, a keyring
 * missing while the database holds data keys wrapped by it, or data keys wrapped by a KEK version
 * the keyring does not have. It never creates new keys over existing data.
 */
final class KeyringLoader {

    static final String DATA_DIR = "SECUREVISIT_DATA_DIR";
    static final String TOKEN_KEYRING_KEY = "securevisit-keyring";
    /** The check opens the keyring and writes nothing, so it never reads the time (no clock exists yet). */
    private static final Clock UNREAD_CLOCK = Clock.fixed(Instant.EPOCH, ZoneOffset.UTC);

    private KeyringLoader() {}

    /**
     * Checks without creating anything: an existing keyring must open with the configured master
     * key or token and hold every KEK version the database uses; a missing one is only acceptable
     * while the database holds no data keys.
     *
     * @param wrapped live data keys per KEK version
     */
    static void check(KeySettings settings, Path dataDir, Map<Integer, Long> wrapped) {
        Path keysDir = dataDir.resolve("keys");
        if (Files.exists(keysDir.resolve(KeyringFile.NAME)) || !wrapped.isEmpty()) {
            load(settings, dataDir, wrapped, UNREAD_CLOCK);
        } else if (settings.pkcs11Keyring()) {
            Pkcs11Token.open(settings.pkcs11());
        } else if (settings.masterKey() != null || settings.masterKeyFile() != null) {
            MasterKey.resolve(settings, keysDir, false);
        }
    }

    /**
     * Opens the keyring, or creates it on the very first start.
     *
     * @param wrapped live data keys per KEK version
     */
    static Keyring load(KeySettings settings, Path dataDir, Map<Integer, Long> wrapped, Clock clock) {
        Tink.ensureRegistered();
        Path keysDir = dataDir.resolve("keys");
        KeyringFile file = new KeyringFile(keysDir.resolve(KeyringFile.NAME));
        long live = wrapped.values().stream().mapToLong(Long::longValue).sum();
        boolean exists = file.exists();
        if (!exists && live > 0) {
            throw new StartupException(
                    DATA_DIR,
                    "the keyring " + file.path() + " is missing but the database holds " + live
                            + " data key(s) wrapped by it: restore the keyring (and its master key) from backup;"
                            + " a new keyring would leave that data unreadable");
        }
        String wanted = settings.pkcs11Keyring() ? KeyringProtection.PKCS11 : KeyringProtection.MASTER_KEY;
        if (!settings.pkcs11Keyring() && !"file".equalsIgnoreCase(settings.keyring())) {
            throw new StartupException(KeySettings.KEYRING, "must be file or pkcs11");
        }
        if (exists && !file.read().protection().equals(wanted)) {
            throw new StartupException(
                    KeySettings.KEYRING,
                    "the keyring " + file.path() + " is sealed by "
                            + file.read().protection() + ", which does not match " + settings.keyring());
        }
        Keyring keyring = settings.pkcs11Keyring()
                ? openPkcs11(settings, file, exists, clock)
                : open(
                        file,
                        MasterKey.resolve(settings, keysDir, !exists),
                        new FileKekBackend(file.path()),
                        exists,
                        clock);
        for (int version : wrapped.keySet()) {
            KeyringDocument.Kek kek = keyring.document().kek(version);
            if (kek == null || !kek.live()) {
                throw new StartupException(
                        DATA_DIR,
                        "the database holds data keys wrapped by KEK version " + version
                                + ", which the keyring " + file.path() + " does not have: restore the keyring that"
                                + " belongs to this database");
            }
        }
        return keyring;
    }

    private static Keyring openPkcs11(KeySettings settings, KeyringFile file, boolean exists, Clock clock) {
        Pkcs11Token token = Pkcs11Token.open(settings.pkcs11());
        KeyringProtection protection;
        try {
            if (exists && !token.has(TOKEN_KEYRING_KEY)) {
                throw new StartupException(
                        KeySettings.Pkcs11.SLOT,
                        "the token has no key " + TOKEN_KEYRING_KEY + ", which seals the keyring " + file.path()
                                + ": wrong token or slot");
            }
            if (!exists && (token.has(TOKEN_KEYRING_KEY) || token.has(Pkcs11KekBackend.alias(1)))) {
                throw new StartupException(
                        KeySettings.Pkcs11.SLOT,
                        "the token already holds SecureVisit keys but there is no keyring " + file.path()
                                + ": restore the keyring, or use a token of its own for this server");
            }
            if (!exists) {
                token.generate(TOKEN_KEYRING_KEY);
            }
            protection = new KeyringProtection(
                    KeyringProtection.PKCS11,
                    token.aead(TOKEN_KEYRING_KEY),
                    KeySettings.Pkcs11.SLOT,
                    "pkcs11",
                    token.description() + " alias " + TOKEN_KEYRING_KEY);
        } catch (GeneralSecurityException e) {
            throw new StartupException(KeySettings.Pkcs11.SLOT, "the token cannot be used (" + e.getMessage() + ")", e);
        }
        return open(file, protection, new Pkcs11KekBackend(token), exists, clock);
    }

    private static Keyring open(
            KeyringFile file, KeyringProtection protection, KekBackend backend, boolean exists, Clock clock) {
        if (exists) {
            Keyring keyring = Keyring.open(file, protection, backend, clock);
            try {
                keyring.kek(keyring.activeVersion());
            } catch (GeneralSecurityException e) {
                throw new StartupException(
                        protection.setting(),
                        "the active KEK version " + keyring.activeVersion() + " cannot be used ("
                                + backend.location(keyring.activeVersion()) + ")",
                        e);
            }
            try {
                keyring.signingKey();
            } catch (GeneralSecurityException e) {
                throw new StartupException(
                        DATA_DIR, "the keyring " + file.path() + " holds no usable checkpoint signing key", e);
            }
            return keyring;
        }
        try {
            return Keyring.create(file, protection, backend, clock);
        } catch (GeneralSecurityException | IOException e) {
            throw new StartupException(
                    DATA_DIR, "cannot create the keyring " + file.path() + " (" + e.getMessage() + ")", e);
        }
    }
}
