package health.securevisit.audit.internal;

import health.securevisit.audit.AuditEvent;
import health.securevisit.audit.AuditRecord;
import health.securevisit.audit.AuditUnavailableException;
import health.securevisit.platform.PlatformSettings;
import health.securevisit.platform.StartupException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The audit journal of the embedded (H2) database (docs/audit.md, "Journal"). A caller's event is
 * sequenced and hashed onto the tree under one lock, and written to an append-only file before
 * {@link #append} returns: the record is then as durable as an H2 commit (in the operating system's
 * page cache, surviving a crash of the process) without waiting for a database commit. The write is
 * a group write outside that lock: under a second lock, the first caller to arrive writes every
 * record sequenced so far in one call, in sequence order, and the callers whose records it wrote
 * return without writing (so the file is always a prefix of the sequence, and the sequencing lock is
 * never held across a system call). An indexer thread moves the journaled entries into the trail's
 * tables in large transactions, on the head it knows, and empties the file once everything in it is
 * committed.
 * At start the entries still in the file are replayed; an entry that does not continue the tree
 * refuses the start.
 *
 * <p>Fails closed: a failed write refuses that event and every later one until restart; while the
 * indexer cannot commit (the database is broken) every event is refused, and a backlog of more
 * than {@code queueCapacity} entries makes callers wait up to {@code recordTimeout}, then refuses.
 * Readers of the trail call {@link #awaitIndexed} so that what was recorded is visible at once.
 * On PostgreSQL the journal is inactive: several nodes share that trail, and the group-commit
 * writer serves it.
 */
@Component
public class AuditJournal implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(AuditJournal.class);
    /** A journal larger than this is rewritten with only the entries not yet indexed. */
    static final long COMPACT_BYTES = 8L << 20;

    private static final long RETRY_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    /**
     * How long the indexer lets entries gather before it commits them, unless a reader waits: an H2
     * commit rewrites whole pages, so a few large commits cost far less per entry than many small ones.
     */
    private static final long GATHER_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

    private final DataSource dataSource;
    private final AuditSettings settings;
    private final Path file;
    private final long compactBytes;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition appendedOrStopped = lock.newCondition();
    private final Condition indexedOrFailed = lock.newCondition();
    /** Held while writing to the file, and while the file is replaced or emptied; taken before {@link #lock}. */
    private final ReentrantLock writeLock = new ReentrantLock();

    private final ArrayDeque<StoredEntry> backlog = new ArrayDeque<>(); // journaled, not yet indexed
    private final List<Unwritten> unwritten = new ArrayList<>(); // sequenced, not yet in the file
    private long journaled; // the tree size in the file (and tables): entries below it are durable
    private final List<CompactRange.Node> completed = new ArrayList<>();
    private @Nullable FileChannel channel;
    private CompactRange appended = CompactRange.empty(); // the head after the last sequenced entry
    private CompactRange indexed = CompactRange.empty(); // the head committed in the tables
    private @Nullable Exception writeFailure; // a journal write failed: nothing more until restart
    private @Nullable Exception indexFailure; // the last index commit failed
    private int readersWaiting; // readers in awaitIndexed: index at once
    private volatile boolean running;
    private volatile boolean active;
    private @Nullable Thread indexer;

    @Autowired
    AuditJournal(DataSource dataSource, AuditSettings settings, PlatformSettings platform) {
        this(dataSource, settings, platform.dataDir().resolve("audit").resolve("journal"));
    }

    AuditJournal(DataSource dataSource, AuditSettings settings, Path file) {
        this(dataSource, settings, file, COMPACT_BYTES);
    }

    AuditJournal(DataSource dataSource, AuditSettings settings, Path file, long compactBytes) {
        this.dataSource = dataSource;
        this.settings = settings;
        this.file = file;
        this.compactBytes = compactBytes;
    }

    /** True on the embedded database, where events go through the journal. */
    boolean active() {
        return active;
    }

    /** Journals the event; answers once it is written to the file. */
    AuditRecord append(AuditEvent event) {
        long deadline = System.nanoTime() + settings.recordTimeout().toNanos();
        long seq;
        Instant now;
        lock.lock();
        try {
            while (true) {
                refuseIfFailed();
                if (backlog.size() + unwritten.size() < settings.queueCapacity()) {
                    break;
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AuditUnavailableException(new IllegalStateException("the audit index is behind"));
                }
                indexedOrFailed.awaitNanos(left);
            }
            now = CanonicalEntry.storedTime(Instant.now());
            seq = appended.size();
            byte[] encoding = CanonicalEntry.encode(seq, now, event);
            StoredEntry entry = new StoredEntry(seq, now, event, MerkleHashes.leaf(encoding));
            appended.append(entry.leafHash(), completed);
            completed.clear();
            unwritten.add(new Unwritten(entry, framed(encoding)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AuditUnavailableException(e);
        } finally {
            lock.unlock();
        }
        writeLock.lock();
        try {
            writeThrough(seq);
        } finally {
            writeLock.unlock();
        }
        return new AuditRecord(seq, now);
    }

    /**
     * Under the write lock: unless an earlier caller's write already took entry {@code seq} to the
     * file, writes every record sequenced so far (in order, in one call) and hands their entries to
     * the indexer. A failed write refuses every entry it held and every later one until restart (a
     * partly written record may end the file: nothing is appended after it).
     */
    private void writeThrough(long seq) {
        List<Unwritten> batch;
        lock.lock();
        try {
            if (seq < journaled) {
                return;
            }
            if (writeFailure != null) {
                throw new AuditUnavailableException(writeFailure);
            }
            batch = new ArrayList<>(unwritten);
            unwritten.clear();
        } finally {
            lock.unlock();
        }
        try {
            FileChannel c = requireChannel();
            ByteBuffer[] records = new ByteBuffer[batch.size()];
            long left = 0;
            for (int i = 0; i < records.length; i++) {
                records[i] = batch.get(i).record();
                left += records[i].remaining();
            }
            while (left > 0) {
                left -= c.write(records);
            }
        } catch (IOException | RuntimeException e) {
            lock.lock();
            try {
                writeFailure = e;
            } finally {
                lock.unlock();
            }
            log.error(
                    "audit journal cannot write ({}): every event is refused until restart",
                    e.getClass().getSimpleName());
            throw new AuditUnavailableException(e);
        }
        lock.lock();
        try {
            journaled += batch.size();
            boolean wasEmpty = backlog.isEmpty();
            batch.forEach(u -> backlog.addLast(u.entry()));
            if (wasEmpty || backlog.size() >= settings.maxBatch()) {
                appendedOrStopped.signal(); // the indexer starts gathering, or has enough
            }
        } finally {
            lock.unlock();
        }
    }

    /** An entry sequenced and hashed, and its framed record, waiting for the group write. */
    private record Unwritten(StoredEntry entry, ByteBuffer record) {}

    /** The tree size whose entries are all in the file or the tables (for tests). */
    long journaled() {
        lock.lock();
        try {
            return journaled;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits until every entry journaled before this call is in the tables (a reader's view of the
     * trail includes what was recorded); refuses if the index cannot commit within the record timeout.
     */
    public void awaitIndexed() {
        if (!active) {
            return;
        }
        long deadline = System.nanoTime() + settings.recordTimeout().toNanos();
        lock.lock();
        try {
            long target = journaled;
            readersWaiting++;
            appendedOrStopped.signalAll();
            try {
                waitFor(target, deadline);
            } finally {
                readersWaiting--;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AuditUnavailableException(e);
        } finally {
            lock.unlock();
        }
    }

    /** Waits, under the lock, until the index holds {@code target} entries; refuses on failure or timeout. */
    private void waitFor(long target, long deadline) throws InterruptedException {
        while (indexed.size() < target) {
            if (indexFailure != null) {
                throw new AuditUnavailableException(indexFailure);
            }
            long left = deadline - System.nanoTime();
            if (left <= 0 || !running) {
                throw new AuditUnavailableException(new IllegalStateException("the audit index is behind"));
            }
            indexedOrFailed.awaitNanos(left);
        }
    }

    private void refuseIfFailed() {
        if (!running) {
            throw new AuditUnavailableException(new IllegalStateException("the audit journal is not running"));
        }
        Exception failure = writeFailure != null ? writeFailure : indexFailure;
        if (failure != null) {
            throw new AuditUnavailableException(failure);
        }
    }

    /** One record of the file: the encoding's length (4 bytes, big endian), then the canonical encoding. */
    static ByteBuffer framed(byte[] encoding) {
        return ByteBuffer.allocate(4 + encoding.length)
                .putInt(encoding.length)
                .put(encoding)
                .flip();
    }

    private FileChannel requireChannel() throws IOException {
        FileChannel c = channel;
        if (c == null) {
            throw new IOException("the audit journal is closed");
        }
        return c;
    }

    /** The indexer: commits what is journaled, in order, in batches of at most {@code maxBatch}. */
    private void indexLoop() {
        while (true) {
            List<StoredEntry> batch = new ArrayList<>();
            lock.lock();
            try {
                while (backlog.isEmpty() && running) {
                    appendedOrStopped.awaitUninterruptibly();
                }
                long gathered = System.nanoTime() + GATHER_NANOS;
                long left;
                while (running
                        && readersWaiting == 0
                        && backlog.size() < settings.maxBatch()
                        && (left = gathered - System.nanoTime()) > 0) {
                    try {
                        appendedOrStopped.awaitNanos(left);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        break; // index what there is
                    }
                }
                if (backlog.isEmpty()) {
                    return; // stopped, everything indexed
                }
                for (StoredEntry e : backlog) {
                    if (batch.size() == settings.maxBatch()) {
                        break;
                    }
                    batch.add(e);
                }
            } finally {
                lock.unlock();
            }
            Group group = Group.ofEntries(batch, indexed);
            try {
                commit(group);
            } catch (SQLException | RuntimeException e) {
                failed(e, batch.size());
                if (!running) {
                    return; // what is left stays in the journal and is replayed at the next start
                }
                sleep();
                continue;
            }
            indexed(group, batch.size());
        }
    }

    private void commit(Group group) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                GroupStore.writeOnBase(c, group);
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    private void failed(Exception e, int size) {
        lock.lock();
        try {
            if (indexFailure == null) {
                log.error(
                        "audit index cannot commit ({} {}): {} journaled events wait, new events are refused",
                        e.getClass().getSimpleName(),
                        e instanceof SQLException s ? s.getSQLState() : "-",
                        size);
            }
            indexFailure = e;
            indexedOrFailed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void indexed(Group group, int size) {
        writeLock.lock(); // no write is under way while the file is emptied or replaced
        lock.lock();
        try {
            for (int i = 0; i < size; i++) {
                backlog.removeFirst();
            }
            indexed = CompactRange.restore(group.endSize, group.endFrontier);
            if (indexFailure != null) {
                log.info("audit index commits again; events are accepted");
                indexFailure = null;
            }
            if (writeFailure == null) {
                if (backlog.isEmpty()) {
                    truncate();
                } else if (fileSize() > compactBytes) {
                    compact();
                }
            }
            indexedOrFailed.signalAll();
        } finally {
            lock.unlock();
            writeLock.unlock();
        }
    }

    private long fileSize() {
        try {
            return requireChannel().size();
        } catch (IOException e) {
            return 0; // the next write reports it
        }
    }

    /**
     * Under sustained load the backlog is never empty, so the file is never emptied: once it is
     * larger than {@code compactBytes}, it is replaced by a file holding only the entries not yet
     * indexed (written beside it, then renamed over it atomically, so a crash leaves one or the
     * other). Called under the lock; the backlog is what arrived during one gathering, so this is short.
     */
    private void compact() {
        Path next = file.resolveSibling(file.getFileName() + ".next");
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            for (StoredEntry e : backlog) {
                out.write(framed(e.canonical()).array());
            }
            Files.write(next, out.toByteArray());
            Files.move(next, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            FileChannel old = requireChannel();
            FileChannel c = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
            c.position(c.size());
            channel = c;
            old.close();
        } catch (IOException e) {
            writeFailure = e;
            log.error(
                    "audit journal cannot be compacted ({}): every event is refused until restart",
                    e.getClass().getSimpleName());
        }
    }

    /** Empties the file (everything in it is committed); called under the lock. */
    private void truncate() {
        try {
            requireChannel().truncate(0);
        } catch (IOException e) {
            writeFailure = e;
            log.error(
                    "audit journal cannot be emptied ({}): every event is refused until restart",
                    e.getClass().getSimpleName());
        }
    }

    private static void sleep() {
        try {
            TimeUnit.NANOSECONDS.sleep(RETRY_NANOS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void start() {
        try (Connection c = dataSource.getConnection()) {
            active = c.getMetaData().getDatabaseProductName().equals("H2");
            if (!active) {
                running = true;
                return;
            }
            indexed = GroupStore.head(c, false);
        } catch (SQLException e) {
            throw new StartupException(
                    "SECUREVISIT_DB_URL", "the audit trail's head cannot be read: " + e.getMessage());
        }
        try {
            Files.createDirectories(file.getParent());
            FileChannel c = FileChannel.open(
                    file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            try {
                replay(c);
            } catch (IOException | RuntimeException e) {
                c.close();
                throw e;
            }
            channel = c;
        } catch (IOException e) {
            throw new StartupException("SECUREVISIT_DATA_DIR", "the audit journal cannot be opened: " + e.getMessage());
        }
        running = true;
        Thread t = Thread.ofPlatform().name("audit-indexer").daemon().start(this::indexLoop);
        indexer = t;
        awaitIndexed(); // replayed entries are in the tables before the first request
    }

    /**
     * Reads the file: entries the tables already hold are skipped, the rest must continue the tree
     * (else the start is refused); a record cut short at the end (a crash during its write, so its
     * caller had no answer) is dropped.
     */
    private void replay(FileChannel c) throws IOException {
        appended = indexed.copy();
        long size = c.size();
        ByteBuffer all = ByteBuffer.allocate(Math.toIntExact(size));
        while (all.hasRemaining() && c.read(all, all.position()) >= 0) {
            // read everything
        }
        all.flip();
        long end = 0;
        while (all.remaining() >= 4) {
            int length = all.getInt(all.position());
            if (length <= 0 || length > all.remaining() - 4) {
                break;
            }
            byte[] encoding = new byte[length];
            all.position(all.position() + 4);
            all.get(encoding);
            StoredEntry entry;
            try {
                entry = CanonicalEntry.decode(encoding);
            } catch (IllegalArgumentException e) {
                throw new StartupException(
                        "SECUREVISIT_DATA_DIR",
                        "the audit journal " + file + " is damaged at byte " + end + ": " + e.getMessage());
            }
            if (entry.seq() >= appended.size()) {
                if (entry.seq() != appended.size()) {
                    throw new StartupException(
                            "SECUREVISIT_DATA_DIR",
                            "the audit journal " + file + " holds entry " + entry.seq() + " where " + appended.size()
                                    + " should follow");
                }
                appended.append(entry.leafHash(), completed);
                completed.clear();
                backlog.addLast(entry);
            }
            end = all.position();
        }
        if (end < size) {
            log.warn("audit journal: {} bytes of a record cut short at its end dropped", size - end);
            c.truncate(end);
        }
        c.position(end);
        journaled = appended.size();
        if (!backlog.isEmpty()) {
            log.info("audit journal: {} entries replayed into the trail", backlog.size());
        }
    }

    @Override
    public void stop() {
        lock.lock();
        try {
            running = false;
            appendedOrStopped.signalAll();
            indexedOrFailed.signalAll();
        } finally {
            lock.unlock();
        }
        Thread t = indexer;
        if (t != null) {
            try {
                t.join(Math.max(1, settings.recordTimeout().toMillis()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        writeLock.lock(); // a write under way finishes first
        try {
            FileChannel c = channel;
            channel = null;
            if (c != null) {
                c.close();
            }
        } catch (IOException e) {
            log.warn("audit journal: close failed ({})", e.getClass().getSimpleName());
        } finally {
            writeLock.unlock();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Starts before and stops after the web server, like the group-commit writer. */
    @Override
    public int getPhase() {
        return 0;
    }
}
