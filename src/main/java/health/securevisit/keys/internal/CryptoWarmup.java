package health.securevisit.keys.internal;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.StreamingAead;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.GeneralSecurityException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pushes throw-away data through the same streaming and field encryption code paths right after
 * start, on a low-priority thread, so the JIT compiles them (AES-GCM intrinsics) before the first
 * real upload pays for the slow interpreted first few hundred MiB.
 */
final class CryptoWarmup {

    private static final Logger log = LoggerFactory.getLogger(CryptoWarmup.class);
    private static final int OBJECT = 4 * 1024 * 1024;

    private final long bytes;

    CryptoWarmup(long bytes) {
        this.bytes = bytes;
    }

    void startInBackground() {
        if (bytes <= 0) {
            return;
        }
        Thread thread = new Thread(this::runQuietly, "securevisit-crypto-warmup");
        thread.setDaemon(true);
        thread.setPriority(Thread.MIN_PRIORITY);
        thread.start();
    }

    private void runQuietly() {
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

    /** Encrypts and decrypts at least {@code bytes} (half each way); returns how much. */
    long run() throws GeneralSecurityException, IOException {
        StreamingAead streaming = Tink.streaming(KeysetHandle.generateNew(Tink.STREAMING));
        Aead field = Tink.aead(KeysetHandle.generateNew(Tink.AEAD));
        byte[] plaintext = new byte[OBJECT];
        byte[] aad = {1};
        byte[] buffer = new byte[256 * 1024];
        long done = 0;
        while (done < bytes && !Thread.currentThread().isInterrupted()) {
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
                field.decrypt(field.encrypt(aad, aad), aad);
            }
            done += 2L * OBJECT;
        }
        return done;
    }
}
