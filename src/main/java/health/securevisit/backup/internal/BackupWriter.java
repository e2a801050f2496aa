package health.securevisit.backup.internal;

import health.securevisit.audit.AuditEvent;
import health.securevisit.audit.AuditIndex;
import health.securevisit.audit.AuditTrail;
import health.securevisit.audit.Outcome;
import health.securevisit.audit.PurposeOfUse;
import health.securevisit.backup.internal.BackupFormat.Entry;
import health.securevisit.backup.internal.BackupFormat.Header;
import health.securevisit.backup.internal.BackupFormat.Manifest;
import health.securevisit.keys.BackupKeys;
import health.securevisit.keys.CheckpointSigner;
import health.securevisit.platform.PlatformSettings;
import health.securevisit.platform.internal.DatabaseTarget;
import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.DigestOutputStream;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import javax.sql.DataSource;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Writes a backup of the running application (docs/backup.md). Consistency: the published audit
 * files are copied first, then every acknowledged audit record is awaited into the tables, then the
 * database is copied in one snapshot (H2 {@code BACKUP TO}, MVCC-consistent; PostgreSQL {@code
 * pg_dump}), then the blobs; the keyring must be the same before and after (no rotation between).
 */
@Component
public class BackupWriter {

    private final DataSource dataSource;
    private final DatabaseTarget database;
    private final Path dataDir;
    private final Path publishDir;
    private final AuditIndex auditIndex;
    private final AuditTrail audit;
    private final BackupKeys keys;
    private final CheckpointSigner signer;
    private final Clock clock;

    BackupWriter(
            DataSource dataSource,
            PlatformSettings platform,
            AuditIndex auditIndex,
            AuditTrail audit,
            BackupKeys keys,
            CheckpointSigner signer,
            Clock clock,
            Environment environment) {
        this.dataSource = dataSource;
        this.dataDir = platform.dataDir();
        this.database = DatabaseTarget.of(platform.db(), dataDir);
        this.publishDir = Binder.get(environment)
                .bind("securevisit.audit.publish-dir", Path.class)
                .orElse(dataDir.resolve("audit"));
        this.auditIndex = auditIndex;
        this.audit = audit;
        this.keys = keys;
        this.signer = signer;
        this.clock = clock;
    }

    /** Writes a new backup to {@code file} (which must not exist); audited as the system; returns its manifest. */
    public Manifest write(Path file) throws IOException {
        return write(file, UUID.randomUUID().toString(), event -> event.actor(null, "system"));
    }

    /**
     * Writes a new backup with the given id to {@code file} (which must not exist); {@code who} names
     * the actor of its {@code backup.create} audit record. Returns its manifest.
     */
    public Manifest write(Path file, String id, UnaryOperator<AuditEvent.Builder> who) throws IOException {
        if (Files.exists(file)) {
            throw new BackupFailure(file + " exists already; a backup never overwrites a file");
        }
        String kind = database.embedded() ? "h2" : "postgresql";
        byte[] keyring = keys.sealedKeyring();
        BackupKeys.NewKey key;
        try {
            key = keys.newKey(id);
        } catch (GeneralSecurityException e) {
            throw new BackupFailure("cannot make the backup's data key (" + e.getMessage() + ")");
        }
        Header header =
                new Header(BackupFormat.FORMAT, id, clock.instant(), kind, key.kekVersion(), key.wrapped(), keyring);
        Path temp = file.resolveSibling("." + file.getFileName() + ".partial-" + id);
        try {
            Manifest manifest = writeTo(temp, header, key);
            if (!Arrays.equals(keyring, keys.sealedKeyring())) {
                throw new BackupFailure("the keyring changed during the backup (a key rotation): run it again");
            }
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
            record(manifest, Outcome.SUCCESS, who);
            return manifest;
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(temp);
            record(
                    new Manifest(BackupFormat.FORMAT, id, header.created(), kind, "", 0, "", List.of()),
                    Outcome.ERROR,
                    who);
            throw e;
        }
    }

    private Manifest writeTo(Path temp, Header header, BackupKeys.NewKey key) throws IOException {
        try (FileChannel channel = FileChannel.open(
                        temp,
                        Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                DataOutputStream raw =
                        new DataOutputStream(new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 16))) {
            byte[] headerBytes = BackupFormat.JSON.writeValueAsBytes(header);
            raw.write(BackupFormat.MAGIC);
            raw.writeInt(headerBytes.length);
            raw.write(headerBytes);
            MessageDigest payloadDigest = Digests.sha256();
            Counting counted = new Counting(new DigestOutputStream(new KeepOpen(raw), payloadDigest));
            List<Entry> entries = new ArrayList<>();
            try (OutputStream encrypting =
                            key.aead().newEncryptingStream(counted, BackupFormat.payloadAad(header.id()));
                    ZipOutputStream zip = new ZipOutputStream(encrypting)) {
                zip.setLevel(Deflater.NO_COMPRESSION); // database copies are compressed, blobs are ciphertext
                addAuditFiles(zip, entries);
                addDatabase(zip, entries);
                addBlobs(zip, entries);
            } catch (GeneralSecurityException e) {
                throw new BackupFailure("cannot encrypt the backup (" + e.getMessage() + ")");
            }
            Manifest manifest = new Manifest(
                    BackupFormat.FORMAT,
                    header.id(),
                    header.created(),
                    header.database(),
                    Digests.hex(Digests.sha256().digest(headerBytes)),
                    counted.count,
                    HexFormat.of().formatHex(payloadDigest.digest()),
                    entries);
            byte[] manifestBytes = BackupFormat.JSON.writeValueAsBytes(manifest);
            raw.write(manifestBytes);
            raw.write(signer.sign(BackupFormat.signed(manifestBytes)));
            raw.writeInt(manifestBytes.length);
            raw.write(BackupFormat.END);
            raw.flush();
            channel.force(true);
            return manifest;
        }
    }

    private void addAuditFiles(ZipOutputStream zip, List<Entry> entries) throws IOException {
        if (!Files.isDirectory(publishDir)) {
            return;
        }
        try (Stream<Path> files = Files.list(publishDir)) {
            for (Path f : files.filter(Files::isRegularFile)
                    .filter(f -> !f.getFileName().toString().startsWith("journal"))
                    .filter(f -> BackupFormat.ENTRY
                            .matcher("audit/" + f.getFileName())
                            .matches())
                    .sorted()
                    .toList()) {
                addFile(zip, entries, "audit/" + f.getFileName(), f);
            }
        }
    }

    private void addDatabase(ZipOutputStream zip, List<Entry> entries) throws IOException {
        auditIndex.awaitIndexed(); // every record acknowledged so far is in the tables copied next
        try (Connection connection = dataSource.getConnection()) {
            if (database.embedded()) {
                Path scratch = dataDir.resolve(".backup");
                Files.createDirectories(
                        scratch, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
                Path copy = scratch.resolve(UUID.randomUUID() + ".zip");
                try {
                    try (Statement s = connection.createStatement()) {
                        // The path is ours (data directory and a UUID), never input.
                        s.execute("BACKUP TO '" + copy.toString().replace("'", "''") + "'");
                    }
                    addFile(zip, entries, BackupFormat.H2_ENTRY, copy);
                } finally {
                    Files.deleteIfExists(copy);
                }
            } else {
                zip.putNextEntry(new ZipEntry(BackupFormat.POSTGRESQL_ENTRY));
                Counting out = new Counting(new DigestOutputStream(new KeepOpen(zip), Digests.sha256()));
                PgTools.dump(database, connection, out);
                zip.closeEntry();
                entries.add(new Entry(BackupFormat.POSTGRESQL_ENTRY, out.count, out.hex()));
            }
        } catch (SQLException e) {
            throw new BackupFailure("cannot copy the database (SQLState " + e.getSQLState() + ")", e);
        }
    }

    private void addBlobs(ZipOutputStream zip, List<Entry> entries) throws IOException {
        Path blobs = dataDir.resolve("blobs");
        if (!Files.isDirectory(blobs)) {
            return;
        }
        List<Path> files;
        try (Stream<Path> walk = Files.walk(blobs, 2)) {
            files = walk.filter(Files::isRegularFile)
                    .filter(f -> !f.getParent().getFileName().toString().equals(".tmp"))
                    .sorted()
                    .toList();
        }
        for (Path f : files) {
            String name = "blobs/" + f.getParent().getFileName() + "/" + f.getFileName();
            try {
                addFile(zip, entries, name, f);
            } catch (NoSuchFileException e) {
                // Deleted (crypto-shredded) after the database snapshot: its data key is gone or going.
            }
        }
    }

    private static void addFile(ZipOutputStream zip, List<Entry> entries, String name, Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            zip.putNextEntry(new ZipEntry(name));
            Counting out = new Counting(new DigestOutputStream(new KeepOpen(zip), Digests.sha256()));
            in.transferTo(out);
            zip.closeEntry();
            entries.add(new Entry(name, out.count, out.hex()));
        }
    }

    private void record(Manifest manifest, Outcome outcome, UnaryOperator<AuditEvent.Builder> who) {
        audit.record(who.apply(AuditEvent.builder("backup.create", outcome, PurposeOfUse.OPERATIONS)
                        .resource("backup", manifest.id()))
                .build());
    }

    /** Counts bytes on their way to a digest stream. */
    static final class Counting extends FilterOutputStream {
        long count;

        Counting(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            count += len;
        }

        String hex() {
            return HexFormat.of()
                    .formatHex(((DigestOutputStream) out).getMessageDigest().digest());
        }
    }

    /** Lets a wrapping stream be closed (to finish it) without closing what it writes to. */
    static final class KeepOpen extends FilterOutputStream {
        KeepOpen(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
