package health.securevisit.keys.internal;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.StreamingAead;
import com.google.crypto.tink.streamingaead.AesGcmHkdfStreamingParameters;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pushes throw-away data through the same streaming and field encryption code paths soon after
 * start, on a low-priority thread, so the JIT compiles them (AES-GCM intrinsics) before the first
 * real upload pays for the slow interpreted first few hundred MiB. It waits {@link #START_DELAY}
 * first: on a small machine the warm-up would otherwise take a core from the rest of start-up and
 * from the first requests.
 */
final class CryptoWarmup {

    static final Duration START_DELAY = Duration.ofSeconds(30);

    private static final Logger log = LoggerFactory.getLogger(CryptoWarmup.class);
    private static final int OBJECT = 4 * 1024 * 1024;
    private static final AesGcmHkdfStreamingParameters SMALL_SEGMENTS = smallSegments();

    private final long bytes;
    private final Duration delay;

    private static AesGcmHkdfStreamingParameters smallSegments() {
        try {
            return AesGcmHkdfStreamingParameters.builder()
                    .setKeySizeBytes(32)
                    .setDerivedAesGcmKeySizeBytes(32)
                    .setHkdfHashType(AesGcmHkdfStreamingParameters.HashType.SHA256)
                    .setCiphertextSegmentSizeBytes(4096)
                    .build();
        } catch (GeneralSecurityException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    CryptoWarmup(long bytes) {
        this(bytes, START_DELAY);
    }

    CryptoWarmup(long bytes, Duration delay) {
        this.bytes = bytes;
        this.delay = delay;
    }

    /** Starts the warm-up thread, which waits for the delay and then runs; null when disabled. */
    @Nullable
    Thread startInBackground() {
        if (bytes <= 0) {
            return null;
        }
        Thread thread = new Thread(this::runQuietly, "securevisit-crypto-warmup");
        thread.setDaemon(true);
        thread.setPriority(Thread.MIN_PRIORITY);
        thread.start();
        return thread;
    }

    private void runQuietly() {
        try {
            Thread.sleep(delay);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        try {
            long started = System.nanoTime();
            long done = run();
            log.info(
                    "crypto warm-up done: {} MiB streamed in {} ms",
                    done >> 20,
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
        } catch (GeneralSecurityException | IOException | RuntimeException e) {
            log.warn("crypto warm-up failed; the first uploads will run slower", e);
        }
    }

    /**
     * Encrypts and decrypts about {@code bytes}: first half through 4 KiB segments (many short
     * calls get the AES-GCM code compiled with its intrinsics after little data), then half through
     * the production 1 MiB segments. Returns how much was processed.
     */
    long run() throws GeneralSecurityException, IOException {
        StreamingAead small = Tink.streaming(KeysetHandle.generateNew(SMALL_SEGMENTS));
        StreamingAead production = Tink.streaming(KeysetHandle.generateNew(Tink.STREAMING));
        Aead field = Tink.aead(KeysetHandle.generateNew(Tink.AEAD));
        byte[] plaintext = new byte[OBJECT];
        byte[] buffer = new byte[64 * 1024];
        byte[] aad = {1};
        long done = 0;
        while (done < bytes && !Thread.currentThread().isInterrupted()) {
            StreamingAead streaming = done < bytes / 2 ? small : production;
            ByteArrayOutputStream sink = new ByteArrayOutputStream(OBJECT + OBJECT / 64);
            try (OutputStream out = streaming.newEncryptingStream(sink, aad)) {
                out.write(plaintext);
            }
            try (InputStream in = streaming.newDecryptingStream(new ByteArrayInputStream(sink.toByteArray()), aad)) {
                while (in.read(buffer) >= 0) {
                    // discard
                }
            }
            for (int i = 0; i < 64; i++) {
                field.decrypt(field.encrypt(buffer, aad), aad);
            }
            done += 2L * OBJECT;
        }
        return done;
    }
}
