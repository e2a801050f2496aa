package health.securevisit.platform.internal;

import health.securevisit.platform.StartupException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The data directory: created with mode 0700, checked for writability and locked so that two
 * servers never share one embedded data directory. The lock is an OS file lock, released when the
 * server stops or its process ends.
 */
final class DataDirectory {

    static final String SETTING = "SECUREVISIT_DATA_DIR";
    static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rwx------");
    private static final Map<Path, FileLock> LOCKS = new ConcurrentHashMap<>();

    private DataDirectory() {}

    /** Creates (mode 0700), checks and locks the directory; returns its absolute path. */
    static Path prepare(Path configured) {
        Path dir = configured.toAbsolutePath().normalize();
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new StartupException(SETTING, dir + " exists and is not a directory");
        }
        if (!Files.exists(dir)) {
            try {
                Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
            } catch (IOException e) {
                throw new StartupException(SETTING, "cannot create " + dir + " (" + reason(e) + ")", e);
            }
        }
        try {
            if (!Files.getPosixFilePermissions(dir).equals(OWNER_ONLY)) {
                Files.setPosixFilePermissions(dir, OWNER_ONLY);
            }
            probeWritable(dir);
        } catch (IOException e) {
            throw new StartupException(SETTING, dir + " is not writable (" + reason(e) + ")", e);
        }
        lock(dir);
        return dir;
    }

    private static void probeWritable(Path dir) throws IOException {
        Path probe = dir.resolve(".write-probe");
        Files.deleteIfExists(probe);
        Files.writeString(probe, "ok", StandardOpenOption.CREATE_NEW, StandardOpenOption.SYNC);
        Files.delete(probe);
    }

    private static void lock(Path dir) {
        Path lockFile = dir.resolve("securevisit.lock");
        try {
            FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null;
            }
            if (lock == null) {
                channel.close();
                throw new StartupException(SETTING, dir + " is in use by another SecureVisit server");
            }
            LOCKS.put(dir, lock);
        } catch (IOException e) {
            throw new StartupException(SETTING, "cannot lock " + lockFile + " (" + reason(e) + ")", e);
        }
    }

    /** Releases the lock taken by {@link #prepare} for this directory, if any. */
    static void release(Path dir) {
        FileLock lock = LOCKS.remove(dir.toAbsolutePath().normalize());
        if (lock != null) {
            try {
                lock.channel().close();
            } catch (IOException ignored) {
                // closing releases the lock; nothing else to do
            }
        }
    }

    static String reason(IOException e) {
        return switch (e) {
            case AccessDeniedException denied -> "permission denied";
            case NoSuchFileException missing -> "no such file or directory";
            case FileSystemException fs when fs.getReason() != null -> fs.getReason();
            default -> e.getMessage() == null ? "I/O error" : e.getMessage();
        };
    }
}
