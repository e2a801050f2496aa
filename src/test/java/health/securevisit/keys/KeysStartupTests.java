package health.securevisit.keys;

import static org.assertj.core.api.Assertions.assertThat;

import health.securevisit.support.ChildProcess;
import health.securevisit.support.ChildProcess.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.util.FileSystemUtils;

/**
 * Start-up refuses, in one line naming the setting, whatever would put existing encrypted data at
 * risk; each case runs the real command in its own JVM against a data directory with data keys.
 */
class KeysStartupTests {

    @TempDir
    static Path shared;

    static EncryptedDataDir data;

    @TempDir
    Path tmp;

    @BeforeAll
    static void encryptSomething() {
        data = EncryptedDataDir.create(shared.resolve("data"), 2);
    }

    Path copyOfData() throws Exception {
        Path copy = tmp.resolve("data");
        FileSystemUtils.copyRecursively(data.dir, copy);
        Files.setPosixFilePermissions(copy.resolve("keys/master.key"), PosixFilePermissions.fromString("rw-------"));
        return copy;
    }

    static Result serve(Path dataDir, String... env) throws Exception {
        Map<String, String> variables = new HashMap<>();
        variables.put("SECUREVISIT_DATA_DIR", dataDir.toString());
        variables.put("SECUREVISIT_PORT", "0");
        for (int i = 0; i < env.length; i += 2) {
            variables.put(env[i], env[i + 1]);
        }
        return ChildProcess.run(variables, "serve");
    }

    static void assertOneLineNaming(Result result, String setting, String problem) {
        assertThat(result.exitCode()).as(result.stderr()).isEqualTo(1);
        assertThat(result.stderrLines()).as(result.stderr()).hasSize(1);
        assertThat(result.stderrLines().getFirst())
                .startsWith("securevisit: cannot start: " + setting + ": ")
                .contains(problem);
        assertThat(result.stdout()).as("nothing else is printed").isBlank();
    }

    @Test
    void firstStartGeneratedTheMasterKeyBesideTheKeyringOwnerOnly() throws Exception {
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(data.dir.resolve("keys/master.key"))))
                .isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(data.dir.resolve("keys/keyring.json"))))
                .isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(data.dir.resolve("keys"))))
                .isEqualTo("rwx------");
    }

    @Test
    void wrongMasterKeyIsRefused() throws Exception {
        byte[] other = new byte[32];
        new SecureRandom().nextBytes(other);
        Result r = serve(
                copyOfData(), "SECUREVISIT_MASTER_KEY", Base64.getEncoder().encodeToString(other));
        assertOneLineNaming(r, "SECUREVISIT_MASTER_KEY", "does not open the keyring");
    }

    @Test
    void missingKeyringWhileDataKeysExistIsRefusedAndNoNewKeyIsMade() throws Exception {
        Path dir = copyOfData();
        Files.delete(dir.resolve("keys/keyring.json"));
        Result r = serve(dir);
        assertOneLineNaming(r, "SECUREVISIT_DATA_DIR", "is missing but the database holds 3 data key(s)");
        assertThat(dir.resolve("keys/keyring.json")).doesNotExist();
    }

    @Test
    void masterKeyMovedAwayWithoutSayingWhereIsRefused() throws Exception {
        Path dir = copyOfData();
        Files.move(dir.resolve("keys/master.key"), tmp.resolve("offline.key"));
        Result r = serve(dir);
        assertOneLineNaming(r, "SECUREVISIT_MASTER_KEY", "none is given");
        assertThat(dir.resolve("keys/master.key"))
                .as("never regenerated over data")
                .doesNotExist();
    }

    @Test
    void malformedMasterKeyIsRefused() throws Exception {
        Result r = serve(tmp.resolve("fresh"), "SECUREVISIT_MASTER_KEY", "too-short");
        assertOneLineNaming(r, "SECUREVISIT_MASTER_KEY", "32 random bytes");
    }
}
