package health.securevisit.keys.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.util.FileSystemUtils;

/**
 * Constant memory: a 1 GiB object is stored and read back (and compared byte for byte) by a JVM
 * whose heap is capped at 64 MiB, and the JVM's own accounting of its heap peak stays below that.
 */
class VaultMemoryTests {

    static final long GIB = 1L << 30;
    static final long HEAP = 64L << 20;

    @TempDir
    Path dir;

    /** Memory, not the disk, is under test: use RAM-backed /dev/shm when it has room (fsync of 1 GiB is slow here). */
    Path scratch() throws IOException {
        Path shm = Path.of("/dev/shm");
        if (Files.isDirectory(shm) && Files.getFileStore(shm).getUsableSpace() > 3 * GIB) {
            return Files.createTempDirectory(shm, "securevisit-vault-");
        }
        return dir;
    }

    @Test
    void oneGibibyteObjectRoundTripsWithTheHeapUnder64MiB() throws Exception {
        Path scratch = scratch();
        try {
            roundTrip(scratch);
        } finally {
            FileSystemUtils.deleteRecursively(scratch);
        }
    }

    void roundTrip(Path dir) throws Exception {
        Path output = dir.resolve("harness.out");
        Process child = HarnessProcess.start(
                output,
                List.of("-Xmx64m", "-XX:MaxDirectMemorySize=16m", "-XX:+UseSerialGC"),
                "put-get",
                Long.toString(GIB),
                dir.resolve("data").toString());
        assertThat(child.waitFor(180, TimeUnit.SECONDS)).as("finished").isTrue();
        String out = Files.readString(output);
        assertThat(child.exitValue()).as(out).isZero();

        Matcher m = Pattern.compile(
                        "bytes=(\\d+) warmup_s=\\S+ put_s=(\\S+) get_s=(\\S+) peak_heap=(\\d+) live_after_gc=(\\d+) max_heap=(\\d+)")
                .matcher(out);
        assertThat(m.find()).as(out).isTrue();
        assertThat(Long.parseLong(m.group(1))).isEqualTo(GIB);
        assertThat(Long.parseLong(m.group(4))).as("peak heap").isLessThan(HEAP);
        assertThat(Long.parseLong(m.group(5)))
                .as("live heap after GC")
                .isPositive()
                .isLessThan(32L << 20); // half the heap bound: buffering a 1 GiB object could never fit
        assertThat(Long.parseLong(m.group(6))).as("max heap").isLessThanOrEqualTo(HEAP);
        assertThat(Files.size(dir.resolve("data/blobs")
                        .resolve(new FilesystemBlobStore(dir.resolve("data/blobs"))
                                .path("big")
                                .getParent()
                                .getFileName())
                        .resolve("big")))
                .isGreaterThan(GIB);
        System.out.println("VaultMemoryTests: " + m.group());
    }
}
