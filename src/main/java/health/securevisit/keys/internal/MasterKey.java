package health.securevisit.keys.internal;

import health.securevisit.platform.StartupException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;

/**
 * The master key of a file keyring: 32 random bytes in base64, from {@code SECUREVISIT_MASTER_KEY},
 * from the file named by {@code SECUREVISIT_MASTER_KEY_FILE}, or from {@code keys/master.key} in
 * the data directory, which is generated only on the very first start (no keyring and no data
 * keys yet).
 */
final class MasterKey {

    static final String DEFAULT_FILE = "master.key";
    private static final String FORMAT =
            "must be 32 random bytes in base64 (for example from: openssl rand -base64 32)";

    private MasterKey() {}

    /**
     * @param keysDir {@code DATA_DIR/keys}
     * @param firstStart true when neither a keyring nor wrapped data keys exist, so a key may be generated
     */
    static KeyringProtection resolve(KeySettings settings, Path keysDir, boolean firstStart) {
        String inline = settings.masterKey();
        Path file = settings.masterKeyFile();
        if (inline != null && !inline.isBlank() && file != null) {
            throw new StartupException(
                    KeySettings.MASTER_KEY,
                    "set either SECUREVISIT_MASTER_KEY or SECUREVISIT_MASTER_KEY_FILE, not both");
        }
        if (inline != null && !inline.isBlank()) {
            return protection(
                    decode(inline, KeySettings.MASTER_KEY),
                    KeySettings.MASTER_KEY,
                    "environment",
                    "SECUREVISIT_MASTER_KEY");
        }
        if (file != null) {
            return fromFile(file.toAbsolutePath(), KeySettings.MASTER_KEY_FILE);
        }
        Path generated = keysDir.resolve(DEFAULT_FILE);
        if (Files.exists(generated)) {
            return fromFile(generated, KeySettings.MASTER_KEY_FILE);
        }
        if (!firstStart) {
            throw new StartupException(
                    KeySettings.MASTER_KEY,
                    "the keyring in " + keysDir + " is sealed with a master key but none is given:"
                            + " set SECUREVISIT_MASTER_KEY or SECUREVISIT_MASTER_KEY_FILE");
        }
        return generate(generated);
    }

    private static KeyringProtection fromFile(Path file, String setting) {
        byte[] key;
        try {
            if (!Files.isRegularFile(file)) {
                throw new StartupException(setting, file + " does not exist or is not a file");
            }
            Set<PosixFilePermission> mode = Files.getPosixFilePermissions(file);
            if (mode.contains(PosixFilePermission.OTHERS_READ)) {
                throw new StartupException(setting, file + " is readable by other users (chmod 600 it)");
            }
            key = decode(Files.readString(file, StandardCharsets.US_ASCII), setting);
        } catch (IOException e) {
            throw new StartupException(
                    setting, "cannot read " + file + " (" + e.getClass().getSimpleName() + ")", e);
        }
        return protection(key, setting, "file", file.toString());
    }

    private static KeyringProtection generate(Path file) {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        try {
            AtomicFiles.write(
                    file, (Base64.getEncoder().encodeToString(key) + "\n").getBytes(StandardCharsets.US_ASCII));
        } catch (IOException e) {
            throw new StartupException(KeySettings.MASTER_KEY_FILE, "cannot write a new master key to " + file, e);
        }
        return protection(key, KeySettings.MASTER_KEY_FILE, "file", file.toString());
    }

    /**
     * The start-up warning while {@code keysDir/master.key} exists: a copy of the data directory (a
     * backup, a stolen disk) then carries the key that opens it. Empty once the key has moved away.
     */
    static Optional<String> besideKeyringWarning(Path keysDir) {
        Path file = keysDir.resolve(DEFAULT_FILE);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        return Optional.of("control KEYS-1 fails: the master key " + file + " sits beside the keyring;"
                + " move it to a secret store and start with SECUREVISIT_MASTER_KEY_FILE or SECUREVISIT_MASTER_KEY"
                + " (docs/keys.md, \"The master key, and moving it off the machine\")");
    }

    static byte[] decode(String text, String setting) {
        byte[] key;
        try {
            String trimmed = text.strip();
            key = trimmed.indexOf('-') >= 0 || trimmed.indexOf('_') >= 0
                    ? Base64.getUrlDecoder().decode(trimmed)
                    : Base64.getDecoder().decode(trimmed);
        } catch (IllegalArgumentException e) {
            throw new StartupException(setting, FORMAT);
        }
        if (key.length != 32) {
            throw new StartupException(setting, FORMAT);
        }
        return key;
    }

    private static KeyringProtection protection(byte[] key, String setting, String storage, String location) {
        try {
            return new KeyringProtection(
                    KeyringProtection.MASTER_KEY, Tink.aeadFromRawKey(key), setting, storage, location);
        } catch (GeneralSecurityException e) {
            throw new StartupException(setting, FORMAT, e);
        }
    }
}
