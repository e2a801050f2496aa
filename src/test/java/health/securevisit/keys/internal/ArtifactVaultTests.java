package health.securevisit.keys.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import health.securevisit.keys.ArtifactExistsException;
import health.securevisit.keys.CiphertextIntegrityException;
import health.securevisit.keys.CiphertextIntegrityFailed;
import health.securevisit.keys.InvalidRangeException;
import health.securevisit.keys.StoredArtifact;
import health.securevisit.keys.UnknownArtifactException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The artifact vault on H2 and PostgreSQL with the filesystem blob store. */
class ArtifactVaultTests {

    /** Plaintext bytes in the first segment (1 MiB minus tag and the 40-byte header) and in the others. */
    static final int FIRST = 1_048_576 - 16 - 40;

    static final int SEGMENT = 1_048_576 - 16;

    @TempDir
    Path dir;

    final String scope = "patient:" + UUID.randomUUID();

    static byte[] data(int size) {
        byte[] data = new byte[size];
        new Random(size).nextBytes(data);
        return data;
    }

    static byte[] readAll(InputStream in) throws IOException {
        try (in) {
            return in.readAllBytes();
        }
    }

    static String id() {
        return "rec-" + UUID.randomUUID();
    }

    @ParameterizedTest
    @EnumSource(KeysFixture.Db.class)
    void storesAndReadsBackObjectsOfEverySize(KeysFixture.Db db) throws IOException {
        try (KeysFixture keys = KeysFixture.start(db, dir)) {
            for (int size : List.of(0, 1, FIRST - 1, FIRST, FIRST + 1, FIRST + SEGMENT, 3_300_000)) {
                byte[] content = data(size);
                String id = id();
                StoredArtifact stored = keys.vault.put(id, scope, new ByteArrayInputStream(content));

                assertThat(stored.size()).isEqualTo(size);
                assertThat(stored.storedBytes())
                        .isEqualTo(Files.size(keys.blobs.path(id)))
                        .isGreaterThan(size);
                assertThat(keys.vault.size(id)).isEqualTo(size);
                assertThat(readAll(keys.vault.open(id))).as("size %d", size).isEqualTo(content);
                assertThat(readAll(keys.restart().vault.open(id))).isEqualTo(content);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(KeysFixture.Db.class)
    void rangeReadsAtSegmentBoundaries(KeysFixture.Db db) throws IOException {
        try (KeysFixture keys = KeysFixture.start(db, dir)) {
            byte[] content = data(FIRST + 2 * SEGMENT + 1000);
            String id = id();
            keys.vault.put(id, scope, new ByteArrayInputStream(content));
            int second = FIRST + SEGMENT;
            for (int offset :
                    List.of(0, FIRST - 1, FIRST, FIRST + 1, second - 1, second, second + 1, content.length - 1)) {
                for (int length : List.of(0, 1, 2, 100_000, content.length - offset)) {
                    int n = Math.min(length, content.length - offset);
                    assertThat(readAll(keys.vault.openRange(id, offset, n)))
                            .as("range %d+%d", offset, n)
                            .isEqualTo(Arrays.copyOfRange(content, offset, offset + n));
                }
            }
            try (SeekableByteChannel channel = keys.vault.openSeekable(id)) {
                assertThat(channel.size()).isEqualTo(content.length);
                ByteBuffer buffer = ByteBuffer.allocate(64);
                channel.position(second - 32).read(buffer);
                assertThat(buffer.array()).isEqualTo(Arrays.copyOfRange(content, second - 32, second + 32));
            }
            assertThatThrownBy(() -> keys.vault.openRange(id, content.length, 1))
                    .isInstanceOf(InvalidRangeException.class);
            assertThatThrownBy(() -> keys.vault.openRange(id, -1, 1)).isInstanceOf(InvalidRangeException.class);
        }
    }

    @ParameterizedTest
    @EnumSource(KeysFixture.Db.class)
    void flippedByteFailsTheReadAndNoUnverifiedByteIsReturned(KeysFixture.Db db) throws IOException {
        try (KeysFixture keys = KeysFixture.start(db, dir)) {
            byte[] content = data(FIRST + 2 * SEGMENT);
            String late = id();
            String early = id();
            keys.vault.put(late, scope, new ByteArrayInputStream(content));
            keys.vault.put(early, scope, new ByteArrayInputStream(content));
            flip(keys.blobs.path(late), 1_048_576 + 5000); // inside the second segment
            flip(keys.blobs.path(early), 100); // inside the first segment

            ByteArrayOutputStream returned = new ByteArrayOutputStream();
            assertThatThrownBy(() -> keys.vault.open(late).transferTo(returned))
                    .isInstanceOf(CiphertextIntegrityException.class)
                    .hasMessageContaining("artifact " + late);
            assertThat(returned.size()).as("only the verified first segment").isLessThanOrEqualTo(FIRST);
            assertThat(returned.toByteArray()).isEqualTo(Arrays.copyOf(content, returned.size()));

            assertThatThrownBy(() -> keys.vault.open(early))
                    .as("damage in the first segment shows before any byte is returned")
                    .isInstanceOf(CiphertextIntegrityException.class)
                    .hasMessageContaining("artifact " + early);
            assertThatThrownBy(() -> readAll(keys.vault.openRange(late, FIRST + 10, 10)))
                    .isInstanceOf(CiphertextIntegrityException.class);
            assertThat(keys.events)
                    .filteredOn(CiphertextIntegrityFailed.class::isInstance)
                    .extracting(e -> ((CiphertextIntegrityFailed) e).object())
                    .contains("artifact " + late, "artifact " + early);
        }
    }

    @ParameterizedTest
    @EnumSource(KeysFixture.Db.class)
    void blobMovedToAnotherIdOrTruncatedFails(KeysFixture.Db db) throws IOException {
        try (KeysFixture keys = KeysFixture.start(db, dir)) {
            byte[] content = data(FIRST + SEGMENT + 500);
            String a = id();
            String b = id();
            String cut = id();
            for (String id : List.of(a, b, cut)) {
                keys.vault.put(id, scope, new ByteArrayInputStream(content));
            }
            Files.copy(keys.blobs.path(a), keys.blobs.path(b), StandardCopyOption.REPLACE_EXISTING);
            assertThatThrownBy(() -> readAll(keys.vault.open(b))).isInstanceOf(CiphertextIntegrityException.class);

            try (RandomAccessFile file =
                    new RandomAccessFile(keys.blobs.path(cut).toFile(), "rw")) {
                file.setLength(1_048_576); // exactly the first segment: must not read as a shorter object
            }
            assertThatThrownBy(() -> readAll(keys.vault.open(cut))).isInstanceOf(CiphertextIntegrityException.class);
        }
    }

    @ParameterizedTest
    @EnumSource(KeysFixture.Db.class)
    void failedPutLeavesNothingAndIdsAreNeverReused(KeysFixture.Db db) throws IOException {
        try (KeysFixture keys = KeysFixture.start(db, dir)) {
            String id = id();
            InputStream failing = new InputStream() {
                int served;

                @Override
                public int read() throws IOException {
                    if (++served > 2_500_000) {
                        throw new IOException("upload aborted");
                    }
                    return served & 0xff;
                }
            };
            assertThatThrownBy(() -> keys.vault.put(id, scope, failing)).hasRootCauseMessage("upload aborted");
            assertThat(keys.blobs.exists(id)).isFalse();
            assertThat(keys.repository.find(DataKeys.artifactName(id))).isEmpty();
            try (var leftovers = Files.list(keys.dataDir.resolve("blobs/.tmp"))) {
                assertThat(leftovers).isEmpty();
            }
            assertThatThrownBy(() -> keys.vault.open(id)).isInstanceOf(UnknownArtifactException.class);

            keys.vault.put(id, scope, new ByteArrayInputStream(data(10)));
            assertThatThrownBy(() -> keys.vault.put(id, scope, new ByteArrayInputStream(data(10))))
                    .isInstanceOf(ArtifactExistsException.class);
            keys.vault.delete(id);
            assertThatThrownBy(() -> keys.vault.put(id, scope, new ByteArrayInputStream(data(10))))
                    .isInstanceOf(ArtifactExistsException.class);
            assertThatThrownBy(() -> keys.vault.open("../../etc/passwd")).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @ParameterizedTest
    @EnumSource(KeysFixture.Db.class)
    void deletingAnArtifactShredsItsKeySoAnOldCopyIsUnreadable(KeysFixture.Db db) throws IOException {
        try (KeysFixture keys = KeysFixture.start(db, dir)) {
            String id = id();
            keys.vault.put(id, scope, new ByteArrayInputStream(data(FIRST + 10)));
            readAll(keys.vault.open(id)); // caches the unwrapped key
            byte[] backup = Files.readAllBytes(keys.blobs.path(id));

            keys.vault.delete(id);

            assertThat(keys.blobs.exists(id)).isFalse();
            assertThatThrownBy(() -> keys.vault.open(id)).isInstanceOf(UnknownArtifactException.class);
            DataKeyRepository.Row tombstone =
                    keys.repository.find(DataKeys.artifactName(id)).orElseThrow();
            assertThat(tombstone.wrapped()).isNull();
            assertThat(tombstone.destroyed()).isNotNull();

            Files.write(keys.blobs.path(id), backup); // the copy comes back, e.g. from a backup
            assertThatThrownBy(() -> keys.vault.open(id))
                    .isInstanceOf(CiphertextIntegrityException.class)
                    .hasMessageContaining("artifact " + id);
            assertThatThrownBy(() -> keys.restart().vault.open(id)).isInstanceOf(CiphertextIntegrityException.class);
            assertThatThrownBy(() -> keys.vault.delete(id)).isInstanceOf(UnknownArtifactException.class);
        }
    }

    static void flip(Path file, long offset) throws IOException {
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.seek(offset);
            int b = raf.read();
            raf.seek(offset);
            raf.write(b ^ 0x01);
        }
    }
}
