package health.securevisit.keys.internal;

import com.sun.management.GarbageCollectionNotificationInfo;
import com.sun.management.GcInfo;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;

/**
 * Run in a child JVM by {@link VaultMemoryTests} and {@link BlobKillTests}: {@code put-get SIZE DIR}
 * stores and reads back SIZE bytes and prints the heap peak; {@code put-forever DIR} writes an
 * endless object until the process is killed.
 */
public final class VaultHarness {

    static final int CHUNK = 1 << 20;

    /** Deterministic content: a random MiB, with the MiB's number stamped in its first 8 bytes. */
    static class Content extends InputStream {
        private final byte[] chunk = new byte[CHUNK];
        private final long size;
        private long position;

        Content(long size) {
            this.size = size;
            new Random(42).nextBytes(chunk);
        }

        static void stamp(byte[] chunk, long index) {
            ByteBuffer.wrap(chunk).putLong(0, index);
        }

        @Override
        public int read() {
            throw new UnsupportedOperationException();
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (position >= size) {
                return -1;
            }
            int inChunk = (int) (position % CHUNK);
            if (inChunk == 0) {
                stamp(chunk, position / CHUNK);
            }
            int n = (int) Math.min(Math.min(len, CHUNK - inChunk), size - position);
            System.arraycopy(chunk, inChunk, b, off, n);
            position += n;
            return n;
        }
    }

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "put-get" -> putGet(Long.parseLong(args[1]), Path.of(args[2]));
            case "put-forever" -> putForever(Path.of(args[1]));
            default -> throw new IllegalArgumentException(args[0]);
        }
    }

    private static void putGet(long size, Path dir) throws IOException, GeneralSecurityException {
        try (KeysFixture keys = KeysFixture.startH2File(dir)) {
            long warm = System.nanoTime();
            new CryptoWarmup(192L << 20).run(); // as the server does right after start
            System.gc();
            ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
            AtomicLong liveAfterGc = watchLiveHeap();
            long started = System.nanoTime();
            keys.vault.put("big", "patient:memory", new Content(size));
            long stored = System.nanoTime();
            long read = verify(keys.vault.open("big"), size);
            long done = System.nanoTime();
            System.out.printf(
                    "bytes=%d warmup_s=%.2f put_s=%.2f get_s=%.2f peak_heap=%d live_after_gc=%d max_heap=%d%n",
                    read,
                    (started - warm) / 1e9,
                    (stored - started) / 1e9,
                    (done - stored) / 1e9,
                    peakHeap(),
                    liveAfterGc.get(),
                    Runtime.getRuntime().maxMemory());
        }
    }

    /** Compares the plaintext with the content, MiB by MiB; returns its length. */
    private static long verify(InputStream in, long size) throws IOException {
        byte[] expected = new byte[CHUNK];
        new Random(42).nextBytes(expected);
        byte[] actual = new byte[CHUNK];
        long total = 0;
        try (in) {
            while (true) {
                int n = in.readNBytes(actual, 0, CHUNK);
                if (n == 0) {
                    break;
                }
                Content.stamp(expected, total / CHUNK);
                if (Arrays.mismatch(actual, 0, n, expected, 0, n) >= 0) {
                    throw new IllegalStateException("content differs in MiB " + total / CHUNK);
                }
                total += n;
            }
        }
        if (total != size) {
            throw new IllegalStateException("read " + total + " of " + size + " bytes");
        }
        return total;
    }

    /** The largest heap still in use right after a collection (live data), from the JVM's GC notifications. */
    static AtomicLong watchLiveHeap() {
        AtomicLong max = new AtomicLong();
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            ((NotificationEmitter) gc)
                    .addNotificationListener(
                            (notification, handback) -> {
                                GcInfo info = GarbageCollectionNotificationInfo.from(
                                                (CompositeData) notification.getUserData())
                                        .getGcInfo();
                                long live = ManagementFactory.getMemoryPoolMXBeans().stream()
                                        .filter(pool -> pool.getType() == MemoryType.HEAP)
                                        .map(pool ->
                                                info.getMemoryUsageAfterGc().get(pool.getName()))
                                        .filter(usage -> usage != null)
                                        .mapToLong(usage -> usage.getUsed())
                                        .sum();
                                max.accumulateAndGet(live, Math::max);
                            },
                            notification -> GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(
                                    notification.getType()),
                            null);
        }
        return max;
    }

    /** The highest heap use the JVM recorded, summed over its heap pools. */
    static long peakHeap() {
        return ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(pool -> pool.getType() == MemoryType.HEAP)
                .map(MemoryPoolMXBean::getPeakUsage)
                .mapToLong(usage -> usage.getUsed())
                .sum();
    }

    private static void putForever(Path dir) {
        try (KeysFixture keys = KeysFixture.startH2File(dir)) {
            InputStream endless = new Content(Long.MAX_VALUE) {
                long served;

                @Override
                public int read(byte[] b, int off, int len) {
                    int n = super.read(b, off, len);
                    served += n;
                    if (served >= 8 * CHUNK && served - n < 8 * CHUNK) {
                        System.out.println("writing");
                        System.out.flush();
                    }
                    return n;
                }
            };
            keys.vault.put("interrupted", "patient:kill", endless);
        }
    }
}
