package health.securevisit.keys.internal;

import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.StreamingAead;
import health.securevisit.keys.FieldBinding;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.concurrent.TimeUnit;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The crypto core of the keys module: streaming encrypt/decrypt (the vault's AES-256-GCM-HKDF 1 MiB
 * segments, seekable decryption as the vault reads) of a 64 MiB object in memory, the JDK's own
 * AES-256-GCM on 16 KiB (the openssl speed block size) as the JVM baseline, and the real
 * {@code FieldEncryption} API (cached data key) on a 64-byte field. Bytes per op are 64 MiB for
 * the streaming benchmarks and 16 KiB for the JCE one, so GB/s = ops/s x size.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class KeysBenchmark {

    static final int OBJECT = 64 << 20;
    static final int BLOCK = 16 << 10;

    byte[] plaintext;
    byte[] ciphertext;
    byte[] aad = "securevisit-artifact/1|bench".getBytes();
    StreamingAead streaming;
    Cipher jce;
    SecretKeySpec jceKey;
    byte[] block;
    byte[] out;
    byte[] iv = new byte[12];
    KeysFixture fixture;
    Path dir;
    FieldBinding binding = new FieldBinding("patient:bench", "patient", "name", "1");
    byte[] field = new byte[64];
    byte[] fieldCiphertext;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        streaming = Tink.streaming(KeysetHandle.generateNew(Tink.STREAMING));
        plaintext = new byte[OBJECT];
        new SecureRandom().nextBytes(plaintext);
        ByteArrayOutputStream sink = new ByteArrayOutputStream(OBJECT + OBJECT / 32);
        try (OutputStream enc = streaming.newEncryptingStream(sink, aad)) {
            enc.write(plaintext);
        }
        ciphertext = sink.toByteArray();
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        jceKey = new SecretKeySpec(key, "AES");
        jce = Cipher.getInstance("AES/GCM/NoPadding");
        block = new byte[BLOCK];
        out = new byte[BLOCK + 16];
        dir = Files.createTempDirectory("securevisit-bench");
        fixture = KeysFixture.start(KeysFixture.Db.H2, dir);
        fieldCiphertext = fixture.fields.encrypt(binding, field);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        fixture.close();
    }

    @Benchmark
    public long streamingEncrypt64MiB() throws IOException, GeneralSecurityException {
        try (OutputStream enc = streaming.newEncryptingStream(OutputStream.nullOutputStream(), aad)) {
            enc.write(plaintext);
        }
        return plaintext.length;
    }

    @Benchmark
    public long streamingDecrypt64MiB(Blackhole hole) throws IOException, GeneralSecurityException {
        byte[] buffer = new byte[256 << 10];
        long total = 0;
        try (SeekableByteChannel ch = streaming.newSeekableDecryptingChannel(new InMemoryChannel(ciphertext), aad);
                InputStream in = Channels.newInputStream(ch)) {
            for (int n; (n = in.read(buffer)) > 0; ) {
                total += n;
            }
        }
        hole.consume(buffer);
        return total;
    }

    @Benchmark
    public int jceAesGcm16KiB() throws GeneralSecurityException {
        iv[0]++;
        iv[1] += iv[0] == 0 ? 1 : 0;
        jce.init(Cipher.ENCRYPT_MODE, jceKey, new GCMParameterSpec(128, iv));
        return jce.doFinal(block, 0, BLOCK, out, 0);
    }

    @Benchmark
    public byte[] fieldEncrypt() {
        return fixture.fields.encrypt(binding, field);
    }

    @Benchmark
    public byte[] fieldDecrypt() {
        return fixture.fields.decrypt(binding, fieldCiphertext);
    }

    /** A read-only SeekableByteChannel over a byte array. */
    static final class InMemoryChannel implements SeekableByteChannel {
        private final byte[] data;
        private long position;

        InMemoryChannel(byte[] data) {
            this.data = data;
        }

        @Override
        public int read(ByteBuffer dst) {
            if (position >= data.length) {
                return -1;
            }
            int n = (int) Math.min(dst.remaining(), data.length - position);
            dst.put(data, (int) position, n);
            position += n;
            return n;
        }

        @Override
        public int write(ByteBuffer src) {
            throw new UnsupportedOperationException();
        }

        @Override
        public long position() {
            return position;
        }

        @Override
        public SeekableByteChannel position(long newPosition) {
            position = newPosition;
            return this;
        }

        @Override
        public long size() {
            return data.length;
        }

        @Override
        public SeekableByteChannel truncate(long size) {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean isOpen() {
            return true;
        }

        @Override
        public void close() {}
    }
}
