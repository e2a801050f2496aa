package health.securevisit.audit.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Publishes the tree up to a signed checkpoint as static C2SP {@code tlog-tiles}: hash tiles
 * {@code tile/<L>/<N>[.p/<W>]} (tile height 8: level L holds the hashes of the tree's nodes at height
 * 8·L, 256 per tile, 32 bytes each, level 0 the leaf hashes), entry bundles {@code
 * tile/entries/<N>[.p/<W>]} (each canonical identifier-only entry as a big-endian 2-byte length and
 * its bytes) and {@code checkpoint} (the C2SP signed note). {@code N} is written in groups of three
 * digits, all but the last prefixed with {@code x} ({@code x001/234}); a partial tile of width W at
 * the right edge gets {@code .p/W}. Leaf hashes are recomputed from the entries' fields (as the
 * verifier does), so what is published is what the checkpoint signs. Full tiles never change and are
 * not rewritten; files are written beside their place and moved into it.
 */
final class Tiles {

    static final int HEIGHT = 8;
    static final int WIDTH = 1 << HEIGHT;
    static final String CHECKPOINT = "checkpoint";

    private final Path dir;
    private final List<ByteArrayOutputStream> hashTiles = new ArrayList<>();
    private final List<Long> counts = new ArrayList<>();
    private final ByteArrayOutputStream bundle = new ByteArrayOutputStream();
    private long entries;

    private Tiles(Path dir) {
        this.dir = dir;
    }

    /**
     * Writes the tiles of the tree of {@code size} entries and the checkpoint {@code note}; returns the
     * root that the written tiles make, which the caller compares with the checkpoint's. Continues
     * after the last full entry bundle of the previous publication (its {@code checkpoint}): the
     * hashes of the incomplete higher-level tiles are rebuilt from the full tiles below them.
     */
    static byte[] publish(Connection c, Path dir, long size, String note) throws SQLException, IOException {
        Tiles t = new Tiles(dir);
        long resume = Math.min(published(dir), size) / WIDTH * WIDTH;
        t.resumeAt(resume);
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT " + StoredEntry.COLUMNS + " FROM audit_entry WHERE seq >= ? AND seq < ? ORDER BY seq")) {
            ps.setLong(1, resume);
            ps.setLong(2, size);
            ps.setFetchSize(10_000);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    StoredEntry row = StoredEntry.read(rs);
                    if (row.seq() != t.entries) {
                        throw new IllegalStateException("entry " + t.entries + " is missing: no tiles");
                    }
                    byte[] encoded = row.canonical();
                    t.addEntry(encoded);
                    t.addHash(0, MerkleHashes.leaf(encoded));
                }
            }
        }
        if (t.entries != size) {
            throw new IllegalStateException("the trail holds " + t.entries + " of " + size + " entries: no tiles");
        }
        t.flushPartials();
        byte[] root =
                size == 0 ? MerkleHashes.emptyRoot() : new ProofBuilder((h, i) -> subtree(dir, size, h, i)).root(size);
        write(dir.resolve(CHECKPOINT), note.getBytes(StandardCharsets.UTF_8));
        return root;
    }

    /** The tree size of the published checkpoint, or 0. */
    static long published(Path dir) throws IOException {
        Path file = dir.resolve(CHECKPOINT);
        if (!Files.exists(file)) {
            return 0;
        }
        String[] lines = Files.readString(file, StandardCharsets.UTF_8).split("\n");
        return lines.length > 1 && lines[1].matches("[0-9]{1,19}") ? Long.parseLong(lines[1]) : 0;
    }

    private void resumeAt(long leaves) throws IOException {
        entries = leaves;
        for (int level = 0; ; level++) {
            long n = leaves >>> (HEIGHT * level);
            if (n == 0 && level > 0) {
                return;
            }
            hashTiles.add(new ByteArrayOutputStream());
            counts.add(n);
            for (long i = n / WIDTH * WIDTH; level > 0 && i < n; i++) {
                hashTiles.get(level).write(subtreeRoot(Files.readAllBytes(dir.resolve(path(level - 1, i, WIDTH)))));
            }
        }
    }

    /**
     * The hash of a perfect subtree of the tree of {@code size} leaves, read from the tiles in
     * {@code dir} (a subtree inside one tile is hashed from that tile's hashes).
     */
    static byte[] subtree(Path dir, long size, int height, long index) {
        int level = height / HEIGHT;
        int span = 1 << (height % HEIGHT);
        long first = index * span;
        long tile = first / WIDTH;
        long count = size >>> (HEIGHT * level);
        int width = tile < count / WIDTH ? WIDTH : (int) (count % WIDTH);
        String path = path(level, tile, width);
        byte[] data;
        try {
            data = Files.readAllBytes(dir.resolve(path));
        } catch (IOException e) {
            throw new IllegalStateException(path + " is missing (deleted)", e);
        }
        int offset = (int) (first % WIDTH) * MerkleHashes.SIZE;
        if (data.length < offset + span * MerkleHashes.SIZE) {
            throw new IllegalStateException(path + " is truncated");
        }
        byte[] part = Arrays.copyOfRange(data, offset, offset + span * MerkleHashes.SIZE);
        return span == 1 ? part : subtreeRoot(part);
    }

    private void addEntry(byte[] encoded) throws IOException {
        bundle.write(encoded.length >>> 8);
        bundle.write(encoded.length & 0xff);
        bundle.write(encoded);
        entries++;
        if (entries % WIDTH == 0) {
            writeOnce(path(-1, entries / WIDTH - 1, WIDTH), bundle.toByteArray());
            bundle.reset();
        }
    }

    private void addHash(int level, byte[] hash) throws IOException {
        while (hashTiles.size() <= level) {
            hashTiles.add(new ByteArrayOutputStream());
            counts.add(0L);
        }
        ByteArrayOutputStream tile = hashTiles.get(level);
        tile.write(hash);
        long count = counts.get(level) + 1;
        counts.set(level, count);
        if (count % WIDTH == 0) {
            byte[] full = tile.toByteArray();
            writeOnce(path(level, count / WIDTH - 1, WIDTH), full);
            tile.reset();
            addHash(level + 1, subtreeRoot(full));
        }
    }

    private void flushPartials() throws IOException {
        if (bundle.size() > 0) {
            write(dir.resolve(path(-1, entries / WIDTH, (int) (entries % WIDTH))), bundle.toByteArray());
        }
        for (int level = 0; level < hashTiles.size(); level++) {
            int width = (int) (counts.get(level) % WIDTH);
            if (width > 0) {
                write(
                        dir.resolve(path(level, counts.get(level) / WIDTH, width)),
                        hashTiles.get(level).toByteArray());
            }
        }
    }

    /** The root of the perfect subtree over a power-of-two count of hashes (a full tile: 256). */
    static byte[] subtreeRoot(byte[] tile) {
        List<byte[]> hashes = new ArrayList<>(WIDTH);
        for (int i = 0; i < tile.length; i += MerkleHashes.SIZE) {
            byte[] h = new byte[MerkleHashes.SIZE];
            System.arraycopy(tile, i, h, 0, MerkleHashes.SIZE);
            hashes.add(h);
        }
        while (hashes.size() > 1) {
            List<byte[]> up = new ArrayList<>(hashes.size() / 2);
            for (int i = 0; i < hashes.size(); i += 2) {
                up.add(MerkleHashes.node(hashes.get(i), hashes.get(i + 1)));
            }
            hashes = up;
        }
        return hashes.getFirst();
    }

    /** The C2SP path of a tile: level -1 is the entry bundles. */
    static String path(int level, long index, int width) {
        StringBuilder n = new StringBuilder(String.format("%03d", index % 1000));
        for (long rest = index / 1000; rest > 0; rest /= 1000) {
            n.insert(0, String.format("x%03d/", rest % 1000));
        }
        return "tile/" + (level < 0 ? "entries" : Integer.toString(level)) + "/" + n
                + (width < WIDTH ? ".p/" + width : "");
    }

    private void writeOnce(String relative, byte[] data) throws IOException {
        Path file = dir.resolve(relative);
        if (!Files.exists(file)) {
            write(file, data);
        }
    }

    private static void write(Path file, byte[] data) throws IOException {
        Files.createDirectories(file.getParent());
        Path tmp = Files.createTempFile(file.getParent(), ".tile", ".tmp");
        Files.write(tmp, data);
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
