package health.securevisit.keys.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import health.securevisit.platform.PlatformSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.util.unit.DataSize;

/**
 * The keyring bean warns, in one line naming the failing control and the fix, at every start while
 * the generated master key sits beside the keyring, and is silent once the key has moved away
 * (docs/keys.md, control KEYS-1).
 */
@ExtendWith(OutputCaptureExtension.class)
class MasterKeyBesideKeyringTests {

    static final String WARNING = "control KEYS-1 fails: the master key ";

    @TempDir
    Path dir;

    @Test
    void everyStartWarnsWhileTheMasterKeySitsBesideTheKeyringAndNotOnceItMovedAway(CapturedOutput output)
            throws Exception {
        Path dataDir = dir.resolve("data");
        try (KeysFixture first = KeysFixture.start(KeysFixture.Db.H2, dataDir)) {
            Path keyFile = dataDir.resolve("keys/master.key");
            assertThat(keyFile).exists();

            openKeyring(first, first.settings);
            openKeyring(first, first.settings);
            await().atMost(Duration.ofSeconds(10)).until(() -> warnings(output).size() >= 2); // the console is async
            assertThat(warnings(output)).hasSize(2);
            assertThat(warnings(output).getFirst())
                    .contains(keyFile.toString())
                    .contains("sits beside the keyring")
                    .contains("SECUREVISIT_MASTER_KEY_FILE");

            Path secret = dir.resolve("secrets/master.key");
            Files.createDirectories(secret.getParent());
            Files.move(keyFile, secret);
            Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("rw-------"));
            KeySettings moved = new KeySettings(
                    first.settings.keyring(), null, secret, first.settings.pkcs11(), first.settings.keys());
            openKeyring(first, moved);
            assertThat(warnings(output))
                    .as("the key moved away: no new warning")
                    .hasSize(2);
        }
    }

    private static void openKeyring(KeysFixture fixture, KeySettings settings) {
        PlatformSettings platform = new PlatformSettings(
                fixture.dataDir, new PlatformSettings.Db(null, null, null), "text", DataSize.ofMegabytes(1), null);
        new KeysConfiguration(Clock.systemUTC()).keyring(settings, platform, fixture.repository);
    }

    private static java.util.List<String> warnings(CapturedOutput output) {
        return output.getOut().lines().filter(l -> l.contains(WARNING)).toList();
    }
}
