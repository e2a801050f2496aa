package health.securevisit.keys.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;

/**
 * The plaintext view of an artifact: Tink's seekable decrypting channel, which hands out only bytes
 * of segments whose tag verified. A failed verification becomes a recorded {@link
 * health.securevisit.keys.CiphertextIntegrityException}; a failure to read the blob itself stays an
 * {@link IOException}.
 */
final class VerifiedChannel extends ReadOnlyChannel {

    /** Marks I/O failures of the underlying blob, so they are not mistaken for tampering. */
    static final class BlobReadException extends IOException {
        BlobReadException(IOException cause) {
            super(cause);
        }
    }

    /** The ciphertext blob, with its own I/O failures marked. */
    static final class BlobSource extends ReadOnlyChannel {
        BlobSource(SeekableByteChannel blob) {
            super(blob);
        }

        @Override
        public int read(ByteBuffer dst) throws IOException {
            try {
                return inner.read(dst);
            } catch (IOException e) {
                throw new BlobReadException(e);
            }
        }
    }

    private final SeekableByteChannel blob;
    private final String object;
    private final IntegrityFailures failures;

    VerifiedChannel(
            SeekableByteChannel plaintext, SeekableByteChannel blob, String object, IntegrityFailures failures) {
        super(plaintext);
        this.blob = blob;
        this.object = object;
        this.failures = failures;
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        try {
            int read = inner.read(dst);
            if (read == 0 && dst.hasRemaining() && inner.position() >= inner.size()) {
                // Tink answers 0, not -1, at an end it has not verified (after a seek to the end):
                // read the last byte, which verifies the final segment, so a truncated object never
                // ends quietly. (An empty object was verified when it was opened.)
                long end = inner.position();
                if (end > 0) {
                    inner.position(end - 1);
                    inner.read(ByteBuffer.allocate(1));
                    inner.position(end);
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
    public void close() throws IOException {
        try {
            inner.close();
        } finally {
            blob.close();
        }
    }
}
