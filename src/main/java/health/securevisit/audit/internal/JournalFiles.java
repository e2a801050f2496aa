package health.securevisit.audit.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The audit journal's two files ({@code journal} and {@code journal.2}), each mapped into memory
 * once, so that a record is written without a system call. With forcing on (the default) {@link
 * #force} then writes what was stored since the last force to the device ({@code msync}), one call
 * for every record stored before it; with forcing off the records stay in the operating system's page
 * cache (they survive a crash of the process, not of the machine). Records go to the active file;
 * once it holds {@code switchBytes} and the other file is clean, the other becomes active. The indexer
 * zeroes a file once every entry in it is committed (and forced), and only then may it become active
 * again. Nothing is ever copied, renamed or re-mapped on the hot path, and no file needs replacing
 * while mapped (Java 21 cannot unmap).
 *
 * <p>Layout: records (a 4-byte big-endian length, then the canonical encoding) from byte 0, then
 * zeros to the end of the file; a file's length is its capacity, written with zeros (and, when
 * forcing, synced) before it is mapped, so a full disk fails that write, never a store into the
 * mapping. A record's length is written after its encoding, so a crash of the process never leaves a
 * length before an incomplete encoding. Not thread-safe: {@link AuditJournal} calls every method under
 * its lock, except {@link #force} and {@link #zero}, which touch only bytes no other call writes until
 * {@link #forced} or {@link #recycled}.
 */
final class JournalFiles {

    private static final Logger log = LoggerFactory.getLogger(JournalFiles.class);
    private static final byte[] ZEROS = new byte[64 * 1024];

    /** Writes bytes {@code from} to {@code from + length} of a mapping to the device (the test seam of forcing). */
    @FunctionalInterface
    interface Force {
        void force(MappedByteBuffer map, int from, int length) throws IOException;
    }

    /** {@code msync} through {@link MappedByteBuffer#force(int, int)}. */
    static final Force MSYNC = (map, from, length) -> {
        try {
            map.force(from, length);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    };

    /** The bytes of each file stored and not yet forced when {@link #unforced} was called. */
    record Unforced(MappedByteBuffer[] maps, int[] from, int[] to) {}

    /** One record as found in file {@code index} (0 or 1), named {@code file}: where it starts, and its encoding. */
    record Found(int index, Path file, long offset, byte[] encoding) {}

    private final Path[] paths;
    private final long switchBytes;
    private final @Nullable Force force; // null: records stay in the page cache
    private final FileChannel[] channels = new FileChannel[2];
    private final MappedByteBuffer[] maps = new MappedByteBuffer[2];
    private final int[] ends = new int[2]; // bytes of records in each file
    private final int[] forcedEnds = new int[2]; // bytes of each file forced to the device
    private final long[] last = {-1, -1}; // the last sequence number written to each file, -1 if none
    private final boolean[] recycling = new boolean[2];
    private int active;

    private JournalFiles(Path file, long switchBytes, @Nullable Force force) {
        this.paths = paths(file);
        this.switchBytes = switchBytes;
        this.force = force;
    }

    static Path[] paths(Path file) {
        return new Path[] {file, file.resolveSibling(file.getFileName() + ".2")};
    }

    /**
     * Opens both files, adds the records they hold to {@code found} and maps them; whatever a crash
     * left after a file's records (a record whose length was never written) is zeroed. The files'
     * last sequence numbers come from {@link #restore}, once the journal has decoded the records. With
     * {@code force} (null: forcing off) both files, what they hold and their directory entries are
     * synced before this returns, so records replayed from the page cache are on the device too.
     */
    static JournalFiles open(Path file, long switchBytes, @Nullable Force force, List<Found> found) throws IOException {
        JournalFiles files = new JournalFiles(file, switchBytes, force);
        try {
            for (int i = 0; i < 2; i++) {
                FileChannel c = FileChannel.open(
                        files.paths[i], StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
                files.channels[i] = c;
                int size = Math.toIntExact(c.size());
                MappedByteBuffer m = files.extend(c, Math.max(size, 2 * switchBytes));
                files.maps[i] = m;
                List<Found> records = read(i, files.paths[i], m.slice(0, size)); // what was there before
                found.addAll(records);
                files.ends[i] = records.isEmpty()
                        ? 0
                        : Math.toIntExact(records.getLast().offset()
                                + 4
                                + records.getLast().encoding().length);
                zeroFrom(m, files.ends[i], size); // extend wrote zeros after size
                if (force != null) {
                    force.force(m, 0, m.capacity());
                    files.forcedEnds[i] = files.ends[i];
                }
            }
            if (force != null) {
                syncDirectory(file.getParent());
            }
        } catch (IOException | RuntimeException e) {
            files.close();
            throw e;
        }
        return files;
    }

    /**
     * Zeroes bytes {@code from} to {@code to}: the rest of {@code from}'s page, then every later page
     * that is not zero.
     */
    private static void zeroFrom(MappedByteBuffer m, int from, int to) {
        int page = Math.min(to, (from + 4095) / 4096 * 4096);
        m.put(from, ZEROS, 0, Math.max(0, page - from));
        for (int at = page; at < to; at += 4096) {
            int len = Math.min(4096, to - at);
            if (!zeroAt(m, at, len)) {
                m.put(at, ZEROS, 0, len);
            }
        }
    }

    private static boolean zeroAt(MappedByteBuffer m, int from, int len) {
        int i = from;
        for (; i + 8 <= from + len; i += 8) {
            if (m.getLong(i) != 0) {
                return false;
            }
        }
        for (; i < from + len; i++) {
            if (m.get(i) != 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * Sets each file's last sequence number ({@code last}, -1 for none) after replay; records go on in
     * the file that holds the latest entry.
     */
    void restore(long[] last) {
        this.last[0] = last[0];
        this.last[1] = last[1];
        active = last[1] > last[0] ? 1 : 0;
    }

    /** The records both files hold on disk, each file's in file order (for tests). */
    static List<Found> read(Path file) throws IOException {
        List<Found> found = new ArrayList<>();
        Path[] paths = paths(file);
        for (int i = 0; i < 2; i++) {
            if (Files.exists(paths[i])) {
                try (FileChannel c = FileChannel.open(paths[i], StandardOpenOption.READ)) {
                    found.addAll(read(i, paths[i], c.map(FileChannel.MapMode.READ_ONLY, 0, c.size())));
                }
            }
        }
        return found;
    }

    /**
     * The records from byte 0 up to the zeros that follow them; a record cut short by the end of the
     * file (a journal written by {@code write} calls, before the files were mapped) is dropped.
     */
    private static List<Found> read(int index, Path p, ByteBuffer all) {
        List<Found> found = new ArrayList<>();
        while (all.remaining() >= 4) {
            int length = all.getInt(all.position());
            if (length <= 0) {
                break;
            }
            if (length > all.remaining() - 4) {
                log.warn("audit journal: {} bytes of a record cut short at its end dropped", all.remaining());
                break;
            }
            long offset = all.position();
            byte[] encoding = new byte[length];
            all.position(all.position() + 4);
            all.get(encoding);
            found.add(new Found(index, p, offset, encoding));
        }
        return found;
    }

    private static void syncDirectory(Path dir) throws IOException {
        try (FileChannel c = FileChannel.open(dir, StandardOpenOption.READ)) {
            c.force(true);
        }
    }

    /**
     * Writes zeros up to {@code capacity} (allocating the blocks now; when forcing, the blocks and the
     * file's new length are synced too), then maps the whole file.
     */
    private MappedByteBuffer extend(FileChannel c, long capacity) throws IOException {
        long size = c.size();
        boolean grown = size < capacity;
        while (size < capacity) {
            size += c.write(ByteBuffer.wrap(ZEROS, 0, (int) Math.min(ZEROS.length, capacity - size)), size);
        }
        if (grown && force != null) {
            c.force(true);
        }
        return c.map(FileChannel.MapMode.READ_WRITE, 0, Math.toIntExact(capacity));
    }

    /** Writes entry {@code seq}'s record: its encoding, then its length. */
    void append(long seq, byte[] encoding) throws IOException {
        int length = 4 + encoding.length;
        int other = 1 - active;
        if (ends[active] >= switchBytes && last[other] < 0 && !recycling[other]) {
            active = other;
        }
        MappedByteBuffer m = maps[active];
        if (ends[active] + length > m.capacity()) { // the other file still holds entries not yet indexed
            m = extend(channels[active], Math.max(2L * m.capacity(), (long) ends[active] + length));
            maps[active] = m;
        }
        m.put(ends[active] + 4, encoding);
        VarHandle.storeStoreFence(); // the encoding is stored before the length that makes it a record
        m.putInt(ends[active], encoding.length);
        ends[active] += length;
        last[active] = seq;
    }

    /** What was stored since the last force: the caller forces it outside the lock ({@link #force}). */
    Unforced unforced() {
        return new Unforced(maps.clone(), forcedEnds.clone(), ends.clone());
    }

    /** Forces {@code u}'s bytes to the device (a no-op with forcing off); outside the journal's lock. */
    void force(Unforced u) throws IOException {
        Force f = force;
        for (int i = 0; i < 2 && f != null; i++) {
            if (u.to()[i] > u.from()[i]) {
                f.force(u.maps()[i], u.from()[i], u.to()[i] - u.from()[i]);
            }
        }
    }

    /** {@code u}'s bytes are on the device. */
    void forced(Unforced u) {
        for (int i = 0; i < 2; i++) {
            forcedEnds[i] = Math.max(forcedEnds[i], u.to()[i]);
        }
    }

    /**
     * The file to zero, if the inactive one holds only entries the tables have ({@code settledSize}:
     * indexed, and forced when forcing is on): it is then recycling until {@link #recycled} or {@link
     * #keep}; -1 if none.
     */
    int startRecycling(long settledSize) {
        int other = 1 - active;
        if (last[other] < 0 || last[other] >= settledSize || recycling[other]) {
            return -1;
        }
        recycling[other] = true;
        return other;
    }

    /**
     * Zeroes file {@code i}'s records and, when forcing, forces the zeros (outside the journal's lock;
     * nothing else touches that file), so that new records never sit in front of stale ones on disk.
     */
    void zero(int i) throws IOException {
        MappedByteBuffer m = maps[i];
        for (int at = 0; at < ends[i]; at += ZEROS.length) {
            m.put(at, ZEROS, 0, Math.min(ZEROS.length, ends[i] - at));
        }
        if (force != null && ends[i] > 0) {
            force.force(m, 0, ends[i]);
        }
    }

    /** File {@code i} is zeroed: it may become active. */
    void recycled(int i) {
        ends[i] = 0;
        forcedEnds[i] = 0;
        last[i] = -1;
        recycling[i] = false;
    }

    /** File {@code i} could not be recycled: it keeps its records, and a later turn tries again. */
    void keep(int i) {
        recycling[i] = false;
    }

    /** Bytes of records in both files (for tests). */
    long bytesInUse() {
        return (long) ends[0] + ends[1];
    }

    /** Closes the channels; the mappings stay valid until collected (the journal writes nothing after this). */
    void close() {
        for (FileChannel c : channels) {
            try {
                if (c != null) {
                    c.close();
                }
            } catch (IOException e) {
                log.warn("audit journal: close failed ({})", e.getClass().getSimpleName());
            }
        }
    }
}
