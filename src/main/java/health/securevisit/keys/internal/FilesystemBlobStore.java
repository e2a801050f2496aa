package health.securevisit.keys.internal;

import health.securevisit.keys.BlobStore;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Set;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Blobs as files under {@code DATA_DIR/blobs/<2 hex>/<name>} (mode 0600). A blob is written to
 * {@code blobs/.tmp/}, fsynced, hard-linked to its final name (which fails if the name exists, so a
 * blob is never replaced), and the directories are fsynced; a process killed before that leaves only
 * a temp file, which the next start removes.
 */
final class FilesystemBlobStore implements BlobStore {

    static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");
    private static final Logger log = LoggerFactory.getLogger(FilesystemBlobStore.class);

    private final Path root;
    private final Path tmp;

    FilesystemBlobStore(Path root) {
        this.root = root.toAbsolutePath();
        this.tmp = this.root.resolve(".tmp");
        try {
            AtomicFiles.createPrivateDirectory(this.root);
            AtomicFiles.createPrivateDirectory(tmp);
            removeLeftovers();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the blob store in " + this.root, e);
        }
    }

    private void removeLeftovers() throws IOException {
        int removed = 0;
        try (DirectoryStream<Path> leftovers = Files.newDirectoryStream(tmp)) {
            for (Path leftover : leftovers) {
                Files.deleteIfExists(leftover);
                removed++;
            }
        }
        if (removed > 0) {
            AtomicFiles.syncDirectory(tmp);
            log.info("removed {} unfinished blob write(s) left by an interrupted process", removed);
        }
    }

    Path path(String name) {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("a blob name is 1-128 of A-Z a-z 0-9 . _ - (got an invalid one)");
        }
        return root.resolve(shard(name)).resolve(name);
    }

    @Override
    public PendingBlob create(String name) throws IOException {
        Path target = path(name);
        Path temp = tmp.resolve(name + "." + AtomicFiles.randomSuffix());
        FileChannel channel = FileChannel.open(
                temp,
                Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
                PosixFilePermissions.asFileAttribute(AtomicFiles.OWNER_READ_WRITE));
        return new Pending(channel, temp, target);
    }

    @Override
    public SeekableByteChannel open(String name) throws IOException {
        return FileChannel.open(path(name), StandardOpenOption.READ);
    }

    @Override
    public boolean exists(String name) {
        return Files.isRegularFile(path(name));
    }

    @Override
    public boolean delete(String name) throws IOException {
        Path file = path(name);
        boolean deleted = Files.deleteIfExists(file);
        if (deleted) {
            AtomicFiles.syncDirectory(file.getParent());
        }
        return deleted;
    }

    private static String shard(String name) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(name.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().toHexDigits(digest[0]);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static final class Pending implements PendingBlob {
        private final FileChannel channel;
        private final Path temp;
        private final Path target;
        private final OutputStream stream;
        private boolean committed;

        Pending(FileChannel channel, Path temp, Path target) {
            this.channel = channel;
            this.temp = temp;
            this.target = target;
            // Encrypting streams close what they wrap; the channel must stay open for commit().
            this.stream = new FilterOutputStream(Channels.newOutputStream(channel)) {
                @Override
                public void write(byte[] b, int off, int len) throws IOException {
                    out.write(b, off, len);
                }

                @Override
                public void close() throws IOException {
                    flush();
                }
            };
        }

        @Override
        public OutputStream stream() {
            return stream;
        }

        @Override
        public void commit() throws IOException {
            channel.force(true);
            channel.close();
            AtomicFiles.createPrivateDirectory(target.getParent());
            Files.createLink(target, temp);
            Files.delete(temp);
            AtomicFiles.syncDirectory(target.getParent());
            AtomicFiles.syncDirectory(temp.getParent());
            committed = true;
        }

        @Override
        public void close() throws IOException {
            channel.close();
            if (!committed) {
                Files.deleteIfExists(temp);
            }
        }
    }
}
