package health.securevisit.audit.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * {@code audit verify --tiles DIR}: checks a directory of published tiles with the public key alone:
 * the checkpoint's signature, every entry bundle (each entry against its leaf hash in the level-0
 * tile), every higher-level hash against the full tile below it, and the root the tiles make against
 * the checkpoint. Names the first tile or bundle that is missing, altered or truncated.
 */
final class TileCheck {

    private TileCheck() {}

    static void check(Path dir, TrailVerifier.TrustedKey key, VerificationReport report) {
        String text;
        try {
            text = Files.readString(dir.resolve(Tiles.CHECKPOINT), StandardCharsets.UTF_8);
        } catch (IOException e) {
            report.problem(-1, "tiles: there is no readable checkpoint in " + dir);
            return;
        }
        String name = key.name() != null ? key.name() : text.lines().findFirst().orElse("");
        Optional<CheckpointNote> note = CheckpointNote.open(text, name, key.publicKey());
        if (note.isEmpty()) {
            report.problem(-1, "tiles: the checkpoint does not verify with the trusted key (forged or another key)");
            return;
        }
        long size = note.get().size();
        try {
            for (long b = 0; b * Tiles.WIDTH < size; b++) {
                int width = (int) Math.min(Tiles.WIDTH, size - b * Tiles.WIDTH);
                if (!bundle(dir, b, width, report)) {
                    return;
                }
            }
            for (int level = 1; (size >>> (Tiles.HEIGHT * level)) > 0; level++) {
                long n = size >>> (Tiles.HEIGHT * level);
                for (long t = 0; t * Tiles.WIDTH < n; t++) {
                    int width = (int) Math.min(Tiles.WIDTH, n - t * Tiles.WIDTH);
                    byte[] tile = read(dir, level, t, width, report);
                    for (int i = 0; tile != null && i < width; i++) {
                        byte[] below = read(dir, level - 1, t * Tiles.WIDTH + i, Tiles.WIDTH, report);
                        if (below == null) {
                            return;
                        }
                        if (!MessageDigest.isEqual(
                                Tiles.subtreeRoot(below), Arrays.copyOfRange(tile, i * 32, i * 32 + 32))) {
                            report.problem(
                                    -1,
                                    "tiles: " + Tiles.path(level, t, width) + " hash " + i
                                            + " does not match the tile below it (altered)");
                            return;
                        }
                    }
                    if (tile == null) {
                        return;
                    }
                }
            }
            byte[] root = new ProofBuilder((height, index) -> Tiles.subtree(dir, size, height, index)).root(size);
            if (!MessageDigest.isEqual(root, note.get().root())) {
                report.problem(
                        -1,
                        "tiles: the tiles make another root than the checkpoint of tree size " + size + " (altered)");
            }
        } catch (IOException | IllegalStateException e) {
            report.problem(-1, "tiles: " + e.getMessage());
        }
    }

    private static boolean bundle(Path dir, long b, int width, VerificationReport report) throws IOException {
        byte[] data = read(dir, -1, b, width, report);
        byte[] leaves = read(dir, 0, b, width, report);
        if (data == null || leaves == null) {
            return false;
        }
        int at = 0;
        for (int k = 0; k < width; k++) {
            long index = b * Tiles.WIDTH + k;
            if (at + 2 > data.length || at + 2 + (((data[at] & 0xff) << 8) | (data[at + 1] & 0xff)) > data.length) {
                report.problem(index, "tiles: " + Tiles.path(-1, b, width) + " is truncated at entry " + index);
                return false;
            }
            int length = ((data[at] & 0xff) << 8) | (data[at + 1] & 0xff);
            byte[] leaf = MerkleHashes.leaf(Arrays.copyOfRange(data, at + 2, at + 2 + length));
            at += 2 + length;
            if (leaves.length < (k + 1) * 32
                    || !MessageDigest.isEqual(leaf, Arrays.copyOfRange(leaves, k * 32, k * 32 + 32))) {
                report.problem(
                        index,
                        "tiles: entry " + index + " of " + Tiles.path(-1, b, width) + " does not match its hash in "
                                + Tiles.path(0, b, width) + " (altered)");
                return false;
            }
        }
        if (at != data.length) {
            report.problem(-1, "tiles: " + Tiles.path(-1, b, width) + " has bytes after its " + width + " entries");
            return false;
        }
        return true;
    }

    private static byte @Nullable [] read(Path dir, int level, long index, int width, VerificationReport report)
            throws IOException {
        String path = Tiles.path(level, index, width);
        try {
            byte[] data = Files.readAllBytes(dir.resolve(path));
            if (level >= 0 && data.length != width * 32) {
                report.problem(
                        -1, "tiles: " + path + " holds " + data.length + " bytes, not " + width * 32 + " (truncated)");
                return null;
            }
            return data;
        } catch (NoSuchFileException e) {
            report.problem(-1, "tiles: " + path + " is missing (deleted)");
            return null;
        }
    }
}
