package health.securevisit.audit.internal;

import java.io.IOException;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The audit journal's two files ({@code journal} and {@code journal.2}), each mapped into memory
 * once, so that a record is written without a system call: a store into a shared file mapping is in
 * the operating system's page cache at once, exactly as a {@code write} is (it survives a crash of the
 * process; neither is fsynced). Records go to the active file; once it holds {@code switchBytes}
 * and the other file is clean, the other becomes active. The indexer zeroes a file once every entry
 * in it is committed, and only then may it become active again. Nothing is ever copied, renamed or
 * re-mapped on the hot path, and no file needs replacing while mapped (Java 21 cannot unmap).
 *
 * <p>Layout: records (a 4-byte big-endian length, then the canonical encoding) from byte 0, then
 * zeros to the end of the file; a file's length is its capacity, written with zeros before it is
 * mapped (so a full disk fails that write, never a store into the mapping). A record's length is
 * written after its encoding, so a crash of the process never leaves a length before an incomplete
 * encoding. Not thread-safe: {@link AuditJournal} calls every method under its lock, except {@link
 * #zero}, which it calls for a file no other method touches until {@link #recycled}.
 */
final class JournalFiles {

    private static final Logger log = LoggerFactory.getLogger(JournalFiles.class);
    private static final byte[] ZEROS = new byte[64 * 1024];

    /** One record as found in file {@code index} (0 or 1), named {@code file}: where it starts, and its encoding. */
    record Found(int index, Path file, long offset, byte[] encoding) {}

    private final Path[] paths;
    private final long switchBytes;
    private final FileChannel[] channels = new FileChannel[2];
    private final MappedByteBuffer[] maps = new MappedByteBuffer[2];
    private final int[] ends = new int[2]; // bytes of records in each file
    private final long[] last = {-1, -1}; // the last sequence number written to each file, -1 if none
    private final boolean[] recycling = new boolean[2];
    private int active;

    private JournalFiles(Path file, long switchBytes) {
        this.paths = paths(file);
        this.switchBytes = switchBytes;
    }

    static Path[] paths(Path file) {
        return new Path[] {file, file.resolveSibling(file.getFileName() + ".2")};
    }

    /**
     * Opens both files, adds the records they hold to {@code found} and maps them; whatever a crash
     * left after a file's records (a record whose length was never written) is zeroed. The files'
     * last sequence numbers come from {@link #restore}, once the journal has decoded the records.
     */
    static JournalFiles open(Path file, long switchBytes, List<Found> found) throws IOException {
        JournalFiles files = new JournalFiles(file, switchBytes);
        try {
            for (int i = 0; i < 2; i++) {
                FileChannel c = FileChannel.open(
                        files.paths[i], StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
                files.channels[i] = c;
                int size = Math.toIntExact(c.size());
                MappedByteBuffer m = extend(c, Math.max(size, 2 * switchBytes));
                files.maps[i] = m;
                List<Found> records = read(i, files.paths[i], m.slice(0, size)); // what was there before
                found.addAll(records);
                files.ends[i] = records.isEmpty()
                        ? 0
                        : Math.toIntExact(records.getLast().offset()
                                + 4
                                + records.getLast().encoding().length);
                zeroFrom(m, files.ends[i], size); // extend wrote zeros after size
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

    /** Writes zeros up to {@code capacity} (allocating the blocks now), then maps the whole file. */
    private static MappedByteBuffer extend(FileChannel c, long capacity) throws IOException {
        long size = c.size();
        while (size < capacity) {
            size += c.write(ByteBuffer.wrap(ZEROS, 0, (int) Math.min(ZEROS.length, capacity - size)), size);
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

    /**
     * The file to zero, if the inactive one holds only entries the tables have ({@code indexedSize}):
     * it is then recycling until {@link #recycled}; -1 if none.
     */
    int startRecycling(long indexedSize) {
        int other = 1 - active;
        if (last[other] < 0 || last[other] >= indexedSize || recycling[other]) {
            return -1;
        }
        recycling[other] = true;
        return other;
    }

    /** Zeroes file {@code i}'s records (outside the journal's lock; nothing else touches that file). */
    void zero(int i) {
        MappedByteBuffer m = maps[i];
        for (int at = 0; at < ends[i]; at += ZEROS.length) {
            m.put(at, ZEROS, 0, Math.min(ZEROS.length, ends[i] - at));
        }
    }

    /** File {@code i} is zeroed: it may become active. */
    void recycled(int i) {
        ends[i] = 0;
        last[i] = -1;
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
