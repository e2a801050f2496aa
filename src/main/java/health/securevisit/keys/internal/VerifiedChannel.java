package health.securevisit.keys.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.NonWritableChannelException;
import java.nio.channels.SeekableByteChannel;

/**
 * The plaintext view of an artifact: Tink's seekable decrypting channel, which hands out only bytes
 * of segments whose tag verified. A failed verification becomes a recorded {@link
 * health.securevisit.keys.CiphertextIntegrityException}; a failure to read the blob itself stays an
 * {@link IOException}.
 */
final class VerifiedChannel implements SeekableByteChannel {

    /** Marks I/O failures of the underlying blob, so they are not mistaken for tampering. */
    static final class BlobReadException extends IOException {
        BlobReadException(IOException cause) {
            super(cause);
        }
    }

    /** The ciphertext blob, with its own I/O failures marked. */
    static final class BlobSource implements SeekableByteChannel {
        private final SeekableByteChannel blob;

        BlobSource(SeekableByteChannel blob) {
            this.blob = blob;
        }

        @Override
        public int read(ByteBuffer dst) throws IOException {
            try {
                return blob.read(dst);
            } catch (IOException e) {
                throw new BlobReadException(e);
            }
        }

        @Override
        public long position() throws IOException {
            return blob.position();
        }

        @Override
        public SeekableByteChannel position(long newPosition) throws IOException {
            blob.position(newPosition);
            return this;
        }

        @Override
        public long size() throws IOException {
            return blob.size();
        }

        @Override
        public int write(ByteBuffer src) {
            throw new NonWritableChannelException();
        }

        @Override
        public SeekableByteChannel truncate(long size) {
            throw new NonWritableChannelException();
        }

        @Override
        public boolean isOpen() {
            return blob.isOpen();
        }

        @Override
        public void close() throws IOException {
            blob.close();
        }
    }

    private final SeekableByteChannel plaintext;
    private final SeekableByteChannel blob;
    private final String object;
    private final IntegrityFailures failures;

    VerifiedChannel(
            SeekableByteChannel plaintext, SeekableByteChannel blob, String object, IntegrityFailures failures) {
        this.plaintext = plaintext;
        this.blob = blob;
        this.object = object;
        this.failures = failures;
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        try {
            int read = plaintext.read(dst);
            if (read == 0 && dst.hasRemaining() && plaintext.position() >= plaintext.size()) {
                // Tink answers 0, not -1, at an end it has not verified (after a seek to the end):
                // read the last byte, which verifies the final segment, so a truncated object never
                // ends quietly. (An empty object was verified when it was opened.)
                long end = plaintext.position();
                if (end > 0) {
                    plaintext.position(end - 1);
                    plaintext.read(ByteBuffer.allocate(1));
                    plaintext.position(end);
                }
                return -1;
            }
            return read;
        } catch (IOException e) {
            for (Throwable c = e; c != null; c = c.getCause()) {
                if (c instanceof BlobReadException) {
                    throw e;
                }
            }
            throw failures.failed(object, e);
        }
    }

    @Override
    public long position() throws IOException {
        return plaintext.position();
    }

    @Override
    public SeekableByteChannel position(long newPosition) throws IOException {
        plaintext.position(newPosition);
        return this;
    }

    @Override
    public long size() throws IOException {
        return plaintext.size();
    }

    @Override
    public int write(ByteBuffer src) {
        throw new NonWritableChannelException();
    }

    @Override
    public SeekableByteChannel truncate(long size) {
        throw new NonWritableChannelException();
    }

    @Override
    public boolean isOpen() {
        return plaintext.isOpen();
    }

    @Override
    public void close() throws IOException {
        try {
            plaintext.close();
        } finally {
            blob.close();
        }
    }
}
