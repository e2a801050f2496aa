package health.securevisit.keys.internal;

import com.google.crypto.tink.StreamingAead;
import health.securevisit.keys.ArtifactVault;
import health.securevisit.keys.BlobStore;
import health.securevisit.keys.InvalidRangeException;
import health.securevisit.keys.StoredArtifact;
import health.securevisit.keys.UnknownArtifactException;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.security.GeneralSecurityException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * {@link ArtifactVault} over a {@link BlobStore}: Tink streaming AEAD with a data key per object
 * and the object id as associated data. Memory use is one segment per open stream, whatever the
 * object size.
 */
final class StreamingArtifactVault implements ArtifactVault {

    static final Pattern OBJECT_ID = FilesystemBlobStore.NAME;
    private static final int TRANSFER_BUFFER = 256 * 1024;

    private final DataKeys keys;
    private final BlobStore blobs;
    private final IntegrityFailures failures;

    StreamingArtifactVault(DataKeys keys, BlobStore blobs, IntegrityFailures failures) {
        this.keys = keys;
        this.blobs = blobs;
        this.failures = failures;
    }

    @Override
    public StoredArtifact put(String objectId, String scope, InputStream content) {
        requireId(objectId);
        TinkFieldEncryption.requireScope(scope);
        StreamingAead key;
        try {
            key = keys.createArtifactKey(objectId, scope);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("encrypting artifact " + objectId + " failed", e);
        }
        boolean stored = false; // from here on the key is ours: forget it unless the blob is stored
        try {
            try (BlobStore.PendingBlob blob = blobs.create(objectId)) {
                Counting counted = new Counting(blob.stream());
                long size = 0;
                try (OutputStream encrypting = key.newEncryptingStream(counted, aad(objectId))) {
                    byte[] buffer = new byte[TRANSFER_BUFFER];
                    for (int n; (n = content.read(buffer)) >= 0; ) {
                        encrypting.write(buffer, 0, n);
                        size += n;
                    }
                }
                blob.commit();
                stored = true;
                return new StoredArtifact(objectId, size, counted.count);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("storing artifact " + objectId + " failed", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("encrypting artifact " + objectId + " failed", e);
        } finally {
            if (!stored) {
                keys.forgetArtifactKey(objectId);
            }
        }
    }

    @Override
    public InputStream open(String objectId) {
        return Channels.newInputStream(verifiedAtStart(objectId));
    }

    @Override
    public InputStream openRange(String objectId, long offset, long length) {
        SeekableByteChannel channel = verifiedAtStart(objectId);
        try {
            long size = channel.size();
            if (offset < 0 || length < 0 || offset > size || length > size - offset) {
                channel.close();
                throw new InvalidRangeException(offset, length, size);
            }
            channel.position(offset);
            return new RangeStream(Channels.newInputStream(channel), length);
        } catch (IOException e) {
            throw new UncheckedIOException("reading artifact " + objectId + " failed", e);
        }
    }

    @Override
    public SeekableByteChannel openSeekable(String objectId) {
        return decrypting(objectId);
    }

    @Override
    public long size(String objectId) {
        try (SeekableByteChannel channel = decrypting(objectId)) {
            return channel.size();
        } catch (IOException e) {
            throw new UncheckedIOException("reading artifact " + objectId + " failed", e);
        }
    }

    @Override
    public void delete(String objectId) {
        requireId(objectId);
        if (!keys.destroyArtifactKey(objectId)) {
            throw new UnknownArtifactException(objectId);
        }
        try {
            blobs.delete(objectId);
        } catch (IOException e) {
            // The key is gone, so the blob is unreadable already; removing it is housekeeping.
            throw new UncheckedIOException("artifact " + objectId + " is shredded but its blob remains", e);
        }
    }

    /** Opens and verifies the header and first segment, so that most damage shows before any byte is returned. */
    private SeekableByteChannel verifiedAtStart(String objectId) {
        SeekableByteChannel channel = decrypting(objectId);
        try {
            channel.read(ByteBuffer.allocate(1));
            channel.position(0);
            return channel;
        } catch (IOException | RuntimeException e) {
            closeQuietly(channel);
            if (e instanceof IOException io) {
                throw new UncheckedIOException("reading artifact " + objectId + " failed", io);
            }
            throw (RuntimeException) e;
        }
    }

    private SeekableByteChannel decrypting(String objectId) {
        requireId(objectId);
        String object = "artifact " + objectId;
        Optional<DataKeyRepository.Row> row = keys.artifactRow(objectId);
        if (row.isEmpty() || (!row.get().live() && !blobs.exists(objectId))) {
            throw new UnknownArtifactException(objectId);
        }
        StreamingAead key;
        try {
            key = keys.artifactKey(objectId);
        } catch (GeneralSecurityException e) {
            throw failures.failed(object + " (its data key is destroyed or cannot be unwrapped)", e);
        }
        SeekableByteChannel blob;
        try {
            blob = blobs.open(objectId);
        } catch (NoSuchFileException e) {
            throw new UnknownArtifactException(objectId);
        } catch (IOException e) {
            throw new UncheckedIOException("reading artifact " + objectId + " failed", e);
        }
        try {
            SeekableByteChannel plaintext =
                    key.newSeekableDecryptingChannel(new VerifiedChannel.BlobSource(blob), aad(objectId));
            if (plaintext.size() == 0) {
                verifyEmpty(key, objectId);
            }
            return new VerifiedChannel(plaintext, blob, object, failures);
        } catch (GeneralSecurityException | IOException e) {
            closeQuietly(blob);
            throw failures.failed(object, e);
        }
    }

    /** Tink's seekable channel never reads the one (empty) segment of an empty object: check it as a stream. */
    private void verifyEmpty(StreamingAead key, String objectId) throws IOException, GeneralSecurityException {
        try (SeekableByteChannel blob = blobs.open(objectId);
                InputStream in = key.newDecryptingStream(Channels.newInputStream(blob), aad(objectId))) {
            if (in.read() != -1) {
                throw new IOException("an empty object has content");
            }
        }
    }

    static byte[] aad(String objectId) {
        return ("securevisit-artifact/1|" + objectId).getBytes(StandardCharsets.UTF_8);
    }

    private static void requireId(String objectId) {
        if (!OBJECT_ID.matcher(objectId).matches()) {
            throw new IllegalArgumentException("an artifact id is 1-128 of A-Z a-z 0-9 . _ - (got an invalid one)");
        }
    }

    private static void closeQuietly(SeekableByteChannel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // already failing
        }
    }

    private static final class Counting extends FilterOutputStream {
        long count;

        Counting(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            count += len;
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            count++;
        }
    }
}
