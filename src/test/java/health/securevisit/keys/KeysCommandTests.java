package health.securevisit.keys;

import static org.assertj.core.api.Assertions.assertThat;

import health.securevisit.support.ChildProcess;
import health.securevisit.support.ChildProcess.Result;
import health.securevisit.support.TestServers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code securevisit keys ...} in child JVMs, the way an operator runs it. */
class KeysCommandTests {

    @TempDir
    Path tmp;

    static Map<String, String> env(Path dataDir, String... pairs) {
        Map<String, String> env = new HashMap<>();
        env.put("SECUREVISIT_DATA_DIR", dataDir.toString());
        for (int i = 0; i < pairs.length; i += 2) {
            env.put(pairs[i], pairs[i + 1]);
        }
        return env;
    }

    @Test
    void rotateOnARunningServerPointsToTheAdminApiInOneLine() throws Exception {
        Result r = ChildProcess.run(env(TestServers.h2().dataDir()), "keys", "rotate");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.stderrLines())
                .singleElement()
                .asString()
                .contains("a SecureVisit server is running on")
                .contains("POST /api/v1/keys/rotations");
        assertThat(r.stdout()).isBlank();
    }

    @Test
    void rotationKilledMidwayResumesAndEveryFieldStillDecrypts() throws Exception {
        EncryptedDataDir data = EncryptedDataDir.create(tmp.resolve("data"), 30);
        Path output = tmp.resolve("rotate.out");
        Process slow = ChildProcess.start(
                env(data.dir, "SECUREVISIT_KEYS_REWRAP_BATCH_SIZE", "1", "SECUREVISIT_KEYS_REWRAP_PAUSE", "150ms"),
                output,
                "keys",
                "rotate");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        // 30 field keys of the fixture and the hub CA's own data key.
        Pattern underWay = Pattern.compile("keys rotate: ([1-9]|[12][0-9]|30)/31");
        while (!underWay.matcher(Files.readString(output)).find()) {
            assertThat(slow.isAlive()).as(Files.readString(output)).isTrue();
            assertThat(System.nanoTime()).as("rotation under way").isLessThan(deadline);
            Thread.sleep(20);
        }
        slow.destroyForcibly(); // SIGKILL in the middle of re-wrapping
        assertThat(slow.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(Files.readString(output)).contains("KEK version 2 is active; re-wrapping 31 data key(s)");

        Result resumed = ChildProcess.run(env(data.dir), "keys", "rotate");

        assertThat(resumed.exitCode()).as(resumed.stderr()).isZero();
        assertThat(resumed.stdout())
                .contains("keys rotate: resuming the interrupted rotation to KEK version 2")
                .contains("keys rotate: done: 31/31 data key(s) re-wrapped to KEK version 2")
                .contains("destroyed retired version(s) [1]");
        assertThat(data.decryptAll())
                .hasSize(30)
                .allSatisfy((binding, plain) -> assertThat(plain).isEqualTo("name " + binding.rowId()));
    }

    @Test
    void publicKeyCommandPrintsThePemOnly() throws Exception {
        EncryptedDataDir data = EncryptedDataDir.create(tmp.resolve("data"), 0);
        Result r = ChildProcess.run(env(data.dir), "keys", "public-key");
        assertThat(r.exitCode()).as(r.stderr()).isZero();
        assertThat(r.stdout()).startsWith("-----BEGIN PUBLIC KEY-----\n").endsWith("-----END PUBLIC KEY-----\n");
    }

    @Test
    void unknownSubcommandIsAUsageError() throws Exception {
        Result r = ChildProcess.run(env(tmp.resolve("data")), "keys", "frobnicate");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.stderr()).contains("keys rotate").contains("keys public-key");
    }
}
