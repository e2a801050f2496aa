package health.securevisit.backup.internal;

import health.securevisit.backup.internal.BackupFormat.Entry;
import health.securevisit.backup.internal.BackupReader.Verified;
import health.securevisit.platform.internal.DatabaseTarget;
import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.DigestInputStream;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.Iterator;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Restores a verified backup into an empty data directory and, on PostgreSQL, an empty database.
 * The target is checked empty before the backup is verified, and nothing is written before the
 * verification passed; a failure while writing removes what was written (the database restore is
 * one transaction).
 */
final class Restorer {

    private static final FileAttribute<Set<PosixFilePermission>> PRIVATE_DIR =
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"));

    private Restorer() {}

    /** Refuses a data directory that holds anything, and a PostgreSQL database that holds any table. */
    static void requireEmpty(Path dataDir, DatabaseTarget database) throws IOException {
        if (Files.exists(dataDir)) {
            if (!Files.isDirectory(dataDir)) {
                throw new BackupFailure(BackupFailure.NOT_EMPTY, dataDir + " is not a directory");
            }
            try (Stream<Path> content = Files.list(dataDir)) {
                if (content.findAny().isPresent()) {
                    throw new BackupFailure(
                            BackupFailure.NOT_EMPTY,
                            "the data directory " + dataDir + " is not empty: restore only into an empty one");
                }
            }
        }
        if (!database.embedded()) {
            try (Connection c = connect(database);
                    Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("SELECT count(*) FROM pg_catalog.pg_class c"
                            + " JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
                            + " WHERE n.nspname NOT IN ('pg_catalog', 'information_schema')"
                            + " AND n.nspname NOT LIKE 'pg_toast%' AND n.nspname NOT LIKE 'pg_temp%'")) {
                rs.next();
                if (rs.getLong(1) > 0) {
                    throw new BackupFailure(
                            BackupFailure.NOT_EMPTY,
                            "the database of SECUREVISIT_DB_URL is not empty: restore only into an empty database");
                }
            } catch (SQLException e) {
                throw new BackupFailure(
                        "cannot use the database of SECUREVISIT_DB_URL (SQLState " + e.getSQLState() + ")");
            }
        }
    }

    /** Writes the backup's content; the target was checked empty and the backup verified. */
    static void restore(Verified backup, Path dataDir, DatabaseTarget database) throws IOException {
        boolean embedded = backup.header().database().equals("h2");
        if (embedded != database.embedded()) {
            throw new BackupFailure(
                    "the backup is of " + backup.header().database() + " but the configured database is "
                            + (database.embedded() ? "the embedded one" : "PostgreSQL") + " (SECUREVISIT_DB_URL)");
        }
        boolean created = !Files.exists(dataDir);
        try {
            Files.createDirectories(dataDir, PRIVATE_DIR);
            Files.setPosixFilePermissions(dataDir, PosixFilePermissions.fromString("rwx------"));
            write(
                    dataDir.resolve("keys").resolve("keyring.json"),
                    backup.header().keyring());
            Iterator<Entry> expected = backup.manifest().entries().iterator();
            try (InputStream payload = backup.openPayload();
                    ZipInputStream zip = new ZipInputStream(payload)) {
                for (ZipEntry entry; (entry = zip.getNextEntry()) != null; ) {
                    Entry manifested = expected.hasNext() ? expected.next() : null;
                    String name = entry.getName();
                    if (manifested == null
                            || !manifested.name().equals(name)
                            || !BackupFormat.ENTRY.matcher(name).matches()) {
                        throw new BackupFailure("the backup holds an entry its manifest does not list");
                    }
                    DigestInputStream digest = new DigestInputStream(new KeepOpen(zip), Digests.sha256());
                    restoreEntry(name, digest, dataDir, database);
                    digest.transferTo(OutputStream.nullOutputStream());
                    if (!manifested
                            .sha256()
                            .equals(Digests.hex(digest.getMessageDigest().digest()))) {
                        throw new BackupFailure("the backup's entry " + name + " does not match its manifest");
                    }
                }
            }
            if (expected.hasNext()) {
                throw new BackupFailure("the backup lacks entries its manifest lists");
            }
        } catch (IOException | RuntimeException e) {
            removeContent(dataDir, created);
            if (e instanceof BackupFailure) {
                throw e;
            }
            throw new BackupFailure(
                    "the restore failed and was undone (" + e.getClass().getSimpleName() + ": "
                            + firstLine(e.getMessage()) + ")",
                    e);
        }
    }

    private static void restoreEntry(String name, InputStream content, Path dataDir, DatabaseTarget database)
            throws IOException {
        if (name.equals(BackupFormat.H2_ENTRY)) {
            Path db = dataDir.resolve("db");
            try (ZipInputStream h2 = new ZipInputStream(new KeepOpen(content))) {
                for (ZipEntry file; (file = h2.getNextEntry()) != null; ) {
                    if (!file.getName().matches("securevisit\\.mv\\.db")) {
                        throw new BackupFailure("the backup's database copy holds an unexpected file");
                    }
                    write(db.resolve(file.getName()), h2);
                }
            }
        } else if (name.equals(BackupFormat.POSTGRESQL_ENTRY)) {
            try (Connection c = connect(database)) {
                PgTools.restore(database, c, content);
            } catch (SQLException e) {
                throw new BackupFailure(
                        "cannot use the database of SECUREVISIT_DB_URL (SQLState " + e.getSQLState() + ")");
            }
        } else {
            write(dataDir.resolve(name), content);
        }
    }

    private static void write(Path file, byte[] content) throws IOException {
        write(file, new ByteArrayInputStream(content));
    }

    private static void write(Path file, InputStream content) throws IOException {
        Files.createDirectories(file.getParent(), PRIVATE_DIR);
        try (OutputStream out = Files.newOutputStream(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            content.transferTo(out);
        }
    }

    private static void removeContent(Path dataDir, boolean created) throws IOException {
        if (!Files.exists(dataDir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dataDir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                if (created || !p.equals(dataDir)) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    static Connection connect(DatabaseTarget database) throws SQLException {
        Properties props = new Properties();
        if (database.user() != null) {
            props.setProperty("user", database.user());
        }
        if (database.password() != null) {
            props.setProperty("password", database.password());
        }
        return DriverManager.getConnection(database.url(), props);
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }

    /** Lets a reader close what it reads (to finish it) without closing the stream under it. */
    static final class KeepOpen extends FilterInputStream {
        KeepOpen(InputStream in) {
            super(in);
        }

        @Override
        public void close() {
            // The enclosing stream is closed by its owner.
        }
    }
}
