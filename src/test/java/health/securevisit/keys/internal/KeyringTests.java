package health.securevisit.keys.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import health.securevisit.platform.StartupException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.util.unit.DataSize;

/** The keyring file and its master key: created once, opened only with the right key, never recreated over data. */
class KeyringTests {

    @TempDir
    Path dataDir;

    static KeySettings settings(@Nullable String masterKey, @Nullable Path masterKeyFile) {
        return new KeySettings(
                "file",
                masterKey,
                masterKeyFile,
                new KeySettings.Pkcs11(null, null, 0, null),
                new KeySettings.Tuning(10, Duration.ofMinutes(1), 10, Duration.ZERO, DataSize.ofBytes(0)));
    }

    static String randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    Keyring load(KeySettings settings, Map<Integer, Long> wrapped) {
        return KeyringLoader.load(settings, dataDir, wrapped, Clock.systemUTC());
    }

    static void assertRefused(Runnable start, String setting, String problem) {
        assertThatThrownBy(start::run)
                .isInstanceOfSatisfying(
                        StartupException.class, e -> assertThat(e.setting()).isEqualTo(setting))
                .hasMessageContaining(problem);
    }

    @Test
    void firstStartGeneratesAMasterKeyFileBesideAnOwnerOnlyKeyring() throws Exception {
        Keyring keyring = load(settings(null, null), Map.of());

        Path keys = dataDir.resolve("keys");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keys.resolve("keyring.json"))))
                .isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keys.resolve("master.key"))))
                .isEqualTo("rw-------");
        assertThat(Base64.getDecoder()
                        .decode(Files.readString(keys.resolve("master.key")).strip()))
                .hasSize(32);
        assertThat(keyring.activeVersion()).isEqualTo(1);
        String file = Files.readString(keys.resolve("keyring.json"));
        assertThat(file)
                .contains("\"protection\":\"master-key\"")
                .doesNotContain("keyset")
                .doesNotContain("created");

        Keyring reopened = load(settings(null, null), Map.of(1, 3L));
        assertThat(reopened.document().created()).isEqualTo(keyring.document().created());
        assertThat(reopened.kek(1).decrypt(keyring.kek(1).encrypt(new byte[] {7}, new byte[0]), new byte[0]))
                .containsExactly(7);
    }

    @Test
    void wrongMasterKeyIsRefusedAndNothingIsReplaced() throws Exception {
        String key = randomKey();
        load(settings(key, null), Map.of());
        byte[] before = Files.readAllBytes(dataDir.resolve("keys/keyring.json"));

        assertRefused(
                () -> load(settings(randomKey(), null), Map.of(1, 1L)), "SECUREVISIT_MASTER_KEY", "does not open");
        Path file = Files.writeString(dataDir.resolve("other.key"), randomKey());
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        assertRefused(() -> load(settings(null, file), Map.of()), "SECUREVISIT_MASTER_KEY_FILE", "does not open");

        assertThat(Files.readAllBytes(dataDir.resolve("keys/keyring.json"))).isEqualTo(before);
        assertThat(dataDir.resolve("keys/master.key")).doesNotExist();
        assertThat(load(settings(key, null), Map.of()).activeVersion()).isEqualTo(1);
    }

    @Test
    void masterKeyMovedOffTheMachineMustBeGivenAndIsNeverRegenerated() throws Exception {
        load(settings(null, null), Map.of());
        Path generated = dataDir.resolve("keys/master.key");
        Path moved = Files.move(generated, dataDir.resolve("secret.key"));

        assertRefused(() -> load(settings(null, null), Map.of()), "SECUREVISIT_MASTER_KEY", "none is given");
        assertThat(generated).doesNotExist();
        assertThat(load(settings(null, moved), Map.of()).activeVersion()).isEqualTo(1);
        assertThat(load(settings(Files.readString(moved), null), Map.of()).activeVersion())
                .isEqualTo(1);
    }

    @Test
    void missingKeyringWhileDataKeysExistIsRefused() {
        assertRefused(
                () -> load(settings(null, null), Map.of(1, 12L)),
                "SECUREVISIT_DATA_DIR",
                "is missing but the database holds 12");
        assertThat(dataDir.resolve("keys/master.key")).doesNotExist();
        assertThat(dataDir.resolve("keys/keyring.json")).doesNotExist();
        assertRefused(
                () -> KeyringLoader.check(settings(null, null), dataDir, Map.of(1, 12L)),
                "SECUREVISIT_DATA_DIR",
                "restore the keyring");
    }

    @Test
    void dataKeysWrappedByAVersionTheKeyringLacksAreRefused() {
        load(settings(null, null), Map.of());
        assertRefused(() -> load(settings(null, null), Map.of(1, 1L, 3, 2L)), "SECUREVISIT_DATA_DIR", "KEK version 3");
    }

    @Test
    void alteredKeyringIsRefused() throws Exception {
        String key = randomKey();
        load(settings(key, null), Map.of());
        Path file = dataDir.resolve("keys/keyring.json");
        String text = Files.readString(file);
        int i = text.indexOf("\"sealed\":\"") + 20;
        Files.writeString(file, text.substring(0, i) + (text.charAt(i) == 'A' ? 'B' : 'A') + text.substring(i + 1));

        assertRefused(() -> load(settings(key, null), Map.of()), "SECUREVISIT_MASTER_KEY", "altered");
        Files.writeString(file, text.replace("\"master-key\"", "\"pkcs11\""));
        assertRefused(() -> load(settings(key, null), Map.of()), "SECUREVISIT_KEYRING", "sealed by pkcs11");
        Files.writeString(file, "garbage");
        assertRefused(() -> load(settings(key, null), Map.of()), "SECUREVISIT_DATA_DIR", "cannot be read");
    }

    @Test
    void malformedOrConflictingMasterKeySettingsAreRefused() throws Exception {
        assertRefused(() -> load(settings("c2hvcnQ=", null), Map.of()), "SECUREVISIT_MASTER_KEY", "32 random bytes");
        assertRefused(() -> load(settings("not base64!", null), Map.of()), "SECUREVISIT_MASTER_KEY", "32 random bytes");
        Path file = Files.writeString(dataDir.resolve("m.key"), randomKey());
        assertRefused(() -> load(settings(randomKey(), file), Map.of()), "SECUREVISIT_MASTER_KEY", "not both");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        assertRefused(
                () -> load(settings(null, file), Map.of()), "SECUREVISIT_MASTER_KEY_FILE", "readable by other users");
        assertRefused(
                () -> load(settings(null, dataDir.resolve("absent.key")), Map.of()),
                "SECUREVISIT_MASTER_KEY_FILE",
                "does not exist");
        assertThat(dataDir.resolve("keys/keyring.json")).doesNotExist();
    }

    @Test
    void keyringChoiceMustBeKnown() {
        KeySettings s = new KeySettings(
                "vault",
                null,
                null,
                new KeySettings.Pkcs11(null, null, 0, null),
                settings(null, null).keys());
        assertRefused(() -> load(s, Map.of()), "SECUREVISIT_KEYRING", "file or pkcs11");
    }
}
