package health.securevisit.keys;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.SeekableByteChannel;

/**
 * Where the vault keeps encrypted blobs. It never sees plaintext. Writes are atomic: a blob is
 * visible under its name only after {@link PendingBlob#commit()} returned, and a process that dies
 * before that leaves no visible partial blob.
 */
public interface BlobStore {

    /** Starts writing {@code name}; nothing is visible until the pending blob is committed. */
    PendingBlob create(String name) throws IOException;

    /** @throws java.nio.file.NoSuchFileException if there is no such blob */
    SeekableByteChannel open(String name) throws IOException;

    boolean exists(String name);

    /** Removes the blob; returns false if there was none. */
    boolean delete(String name) throws IOException;

    /** A blob being written. Closing it without {@link #commit()} discards it. */
    interface PendingBlob extends AutoCloseable {

        OutputStream stream();

        /** Makes the blob durable and visible under its name; fails if the name already exists. */
        void commit() throws IOException;

        @Override
        void close() throws IOException;
    }
}
