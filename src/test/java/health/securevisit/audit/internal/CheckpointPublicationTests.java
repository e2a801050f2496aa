package health.securevisit.audit.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Checkpoints are signed within a second of new entries (default interval), in the C2SP signed-note
 * format, and published to an append-only file with the key, which is all an outside party needs.
 */
class CheckpointPublicationTests {

    @TempDir
    Path dir;

    @Test
    void aNewEntryIsInASignedPublishedCheckpointWithinOneSecond() throws Exception {
        try (TrailFixture trail = TrailFixture.h2(dir)) {
            trail.checkpointer.start();
            try {
                long seq = trail.record(1).sequence();
                long started = System.nanoTime();
                while (trail.checkpoints.covering(seq).isEmpty()) {
                    assertThat((System.nanoTime() - started) / 1_000_000).isLessThan(1000);
                    Thread.sleep(10);
                }
                trail.record(2);
                trail.record(3);
                Thread.sleep(1100);
            } finally {
                trail.checkpointer.stop();
            }
            Path published = dir.resolve("audit");
            List<String> notes = KeptCheckpoints.read(published.resolve(Publication.CHECKPOINTS));
            assertThat(notes).hasSizeGreaterThanOrEqualTo(2);

            TrailVerifier.TrustedKey vkey = TrustedKeys.load(published.resolve(Publication.KEY_VKEY));
            TrailVerifier.TrustedKey pem = TrustedKeys.load(published.resolve(Publication.KEY_PEM));
            assertThat(vkey.name()).isEqualTo("securevisit.test/audit");
            assertThat(pem.publicKey()).isEqualTo(vkey.publicKey()).isEqualTo(trail.signer.publicKey());

            // The key id, computed here independently: SHA-256(name || 0x0A || 0x01 || key)[0:4].
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update("securevisit.test/audit\n".getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 1);
            byte[] keyId = Arrays.copyOf(sha.digest(vkey.publicKey()), 4);

            long previous = 0;
            for (String note : notes) {
                String[] lines = note.split("\n", -1);
                assertThat(lines).hasSize(6);
                assertThat(lines[0]).isEqualTo("securevisit.test/audit");
                assertThat(Long.parseLong(lines[1])).isGreaterThan(previous);
                previous = Long.parseLong(lines[1]);
                assertThat(Base64.getDecoder().decode(lines[2])).hasSize(32);
                assertThat(lines[3]).isEmpty();
                assertThat(lines[4]).startsWith("\u2014 securevisit.test/audit ");
                byte[] sig = Base64.getDecoder().decode(lines[4].substring(lines[4].lastIndexOf(' ') + 1));
                assertThat(sig).hasSize(68);
                assertThat(Arrays.copyOf(sig, 4)).isEqualTo(keyId);
                assertThat(lines[5]).isEmpty();
                assertThat(CheckpointNote.open(note, vkey.name(), vkey.publicKey()))
                        .isPresent();
                String altered = note.replace(lines[1] + "\n", (previous + 1) + "\n");
                assertThat(CheckpointNote.open(altered, vkey.name(), vkey.publicKey()))
                        .isEmpty();
            }
            assertThat(previous).isEqualTo(3);
        }
    }

    @Test
    void noCodePathDeletesOrRewritesAuditEntriesOrCheckpoints() throws Exception {
        try (Stream<Path> files = Files.walk(Path.of("src/main"))) {
            List<String> offending = files.filter(Files::isRegularFile)
                    .filter(p -> p.toString().endsWith(".java") || p.toString().endsWith(".sql"))
                    .filter(p -> {
                        try {
                            String text = Files.readString(p).toLowerCase(java.util.Locale.ROOT);
                            return Stream.of("audit_entry", "audit_checkpoint", "audit_node")
                                    .anyMatch(t -> text.contains("delete from " + t)
                                            || text.contains("update " + t)
                                            || text.contains("truncate table " + t));
                        } catch (java.io.IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    })
                    .map(Path::toString)
                    .toList();
            assertThat(offending).isEmpty();
        }
    }
}
