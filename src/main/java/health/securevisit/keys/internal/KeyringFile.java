package health.securevisit.keys.internal;

import com.fasterxml.jackson.annotation.JsonProperty;
import health.securevisit.platform.StartupException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * The keyring file {@code DATA_DIR/keys/keyring.json} (mode 0600): a small clear header naming what
 * seals it, and the {@link KeyringDocument} sealed with AES-256-GCM, the header being the
 * associated data. Replaced atomically on every change.
 */
final class KeyringFile {

    static final String NAME = "keyring.json";
    static final String FORMAT = "securevisit-keyring/1";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** What is on disk: the header in the clear and the sealed document. */
    record Sealed(
            @JsonProperty("format") String format,
            @JsonProperty("protection") String protection,
            @JsonProperty("sealed") byte[] sealed) {}

    private final Path path;

    KeyringFile(Path path) {
        this.path = path;
    }

    Path path() {
        return path;
    }

    boolean exists() {
        return Files.exists(path);
    }

    /** The header only, to choose what opens it. */
    Sealed read() {
        try {
            Sealed sealed = JSON.readValue(Files.readAllBytes(path), Sealed.class);
            if (sealed == null
                    || !FORMAT.equals(sealed.format())
                    || sealed.protection() == null
                    || sealed.sealed() == null) {
                throw new StartupException("SECUREVISIT_DATA_DIR", "the keyring " + path + " has an unknown format");
            }
            return sealed;
        } catch (IOException | JacksonException e) {
            throw new StartupException("SECUREVISIT_DATA_DIR", "the keyring " + path + " cannot be read", e);
        }
    }

    KeyringDocument open(KeyringProtection protection) {
        Sealed sealed = read();
        if (!sealed.protection().equals(protection.kind())) {
            throw new StartupException(
                    KeySettings.KEYRING,
                    "the keyring " + path + " is sealed by " + sealed.protection() + ", not by " + protection.kind());
        }
        byte[] plain;
        try {
            plain = protection.aead().decrypt(sealed.sealed(), aad(protection.kind()));
        } catch (GeneralSecurityException e) {
            throw new StartupException(
                    protection.setting(),
                    "does not open the keyring " + path + " (wrong key, or the keyring was altered)");
        }
        try {
            return JSON.readValue(plain, KeyringDocument.class);
        } catch (JacksonException e) {
            throw new StartupException("SECUREVISIT_DATA_DIR", "the keyring " + path + " has an unreadable content");
        }
    }

    /** A keyring file's bytes held in memory (from a backup), opened without touching any file. */
    static KeyringDocument open(byte[] file, KeyringProtection protection) {
        try {
            Sealed sealed = JSON.readValue(file, Sealed.class);
            if (!FORMAT.equals(sealed.format())
                    || !protection.kind().equals(sealed.protection())
                    || sealed.sealed() == null) {
                throw new StartupException("SECUREVISIT_DATA_DIR", "the backup's keyring has an unknown format");
            }
            return JSON.readValue(
                    protection.aead().decrypt(sealed.sealed(), aad(protection.kind())), KeyringDocument.class);
        } catch (GeneralSecurityException e) {
            throw new StartupException(
                    protection.setting(), "does not open the backup's keyring (wrong master key, or it was altered)");
        } catch (JacksonException e) {
            throw new StartupException("SECUREVISIT_DATA_DIR", "the backup's keyring cannot be read");
        }
    }

    void save(KeyringDocument document, KeyringProtection protection) throws IOException {
        try {
            byte[] sealed = protection.aead().encrypt(JSON.writeValueAsBytes(document), aad(protection.kind()));
            AtomicFiles.write(path, JSON.writeValueAsBytes(new Sealed(FORMAT, protection.kind(), sealed)));
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot seal the keyring", e);
        }
    }

    private static byte[] aad(String protection) {
        return (FORMAT + "|" + protection).getBytes(StandardCharsets.UTF_8);
    }
}
