package health.securevisit.keys.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import health.securevisit.keys.UnknownArtifactException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A process killed (SIGKILL) in the middle of storing an artifact leaves no visible partial object. */
class BlobKillTests {

    @TempDir
    Path dir;

    @Test
    void killedWriterLeavesNoVisibleObjectAndItsTempFileIsRemovedAtStart() throws Exception {
        Path data = dir.resolve("data");
        Path output = dir.resolve("harness.out");
        Process writer = HarnessProcess.start(output, List.of("-Xmx128m"), "put-forever", data.toString());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (!Files.readString(output).contains("writing")) {
            assertThat(writer.isAlive()).as(Files.readString(output)).isTrue();
            assertThat(System.nanoTime()).as("writer started").isLessThan(deadline);
            Thread.sleep(50);
        }
        writer.destroyForcibly(); // SIGKILL: no shutdown hook, no finally block runs
        assertThat(writer.waitFor(30, TimeUnit.SECONDS)).isTrue();

        Path tmp = data.resolve("blobs/.tmp");
        try (var leftovers = Files.list(tmp)) {
            assertThat(leftovers.toList())
                    .as("the unfinished write is a temp file, not the object")
                    .singleElement()
                    .satisfies(file -> assertThat(Files.size(file)).isGreaterThan(1L << 20));
        }
        try (KeysFixture keys = KeysFixture.startH2File(data)) {
            assertThat(keys.blobs.exists("interrupted")).isFalse();
            assertThatThrownBy(() -> keys.vault.open("interrupted")).isInstanceOf(UnknownArtifactException.class);
            try (var leftovers = Files.list(tmp)) {
                assertThat(leftovers).as("removed at start").isEmpty();
            }
        }
    }
}
