package health.securevisit.audit.internal;

import health.securevisit.audit.AuditEvent;
import health.securevisit.audit.AuditRecord;
import health.securevisit.audit.AuditUnavailableException;
import health.securevisit.platform.PlatformSettings;
import health.securevisit.platform.StartupException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
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
 * sequenced, hashed onto the tree and stored in a memory-mapped append-only file ({@link
 * JournalFiles}) under one lock; then, with {@code SECUREVISIT_AUDIT_JOURNAL_FORCE} on (the
 * default), {@link #append} waits until a force has written it to the device. Forces are grouped:
 * the first caller that finds no force under way forces, outside the lock, everything stored so far,
 * and every caller whose record that covers returns with it; callers that arrive meanwhile wait for
 * the next force, which one of them makes. With forcing off, {@link #append} returns once the
 * record is in the page cache (it survives a crash of the process, not a power loss). An indexer
 * thread moves the journaled entries into the trail's tables in large transactions, on the head it
 * knows, and zeroes each of the journal's two files once everything in it is committed (when
 * forcing, after an H2 {@code CHECKPOINT SYNC} has put the committed entries on the device). At start
 * the entries still in the files are replayed; an entry that does not continue the tree refuses the
 * start.
 *
 * <p>Fails closed: a failed write or force (a file cannot grow, the device reports an error) refuses
 * that event, every event waiting for that force and every later one until restart; while the
 * indexer cannot commit (the database is broken) every event is refused, and a backlog of more than
 * {@code queueCapacity} entries makes callers wait up to {@code recordTimeout}, then refuses.
 * Readers of the trail call {@link #awaitIndexed} so that what was recorded is visible at once.
 * On PostgreSQL the journal is inactive: several nodes share that trail, and the group-commit
 * writer serves it.
 */
@Component
public class AuditJournal implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(AuditJournal.class);
    /** Records go to the other file once the active one holds this many bytes (each file is twice as large). */
    static final long SWITCH_BYTES = 8L << 20;

    private static final long RETRY_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    /**
     * How long the indexer lets entries gather before it commits them, unless a reader waits: an H2
     * commit rewrites whole pages, so a few large commits cost far less per entry than many small ones.
     */
    private static final long GATHER_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

    private final DataSource dataSource;
    private final AuditSettings settings;
    private final Clock clock;
    private final Path file;
    private final long switchBytes;
    private final JournalFiles.@Nullable Force force; // null: forcing is off
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition appendedOrStopped = lock.newCondition();
    private final Condition indexedOrFailed = lock.newCondition();
    private final Condition forcedOrFailed = lock.newCondition();

    private final ArrayDeque<StoredEntry> backlog = new ArrayDeque<>(); // journaled, not yet indexed
    private final List<CompactRange.Node> completed = new ArrayList<>();
    private @Nullable JournalFiles files;
    private CompactRange appended = CompactRange.empty(); // the head after the last sequenced entry
    private CompactRange indexed = CompactRange.empty(); // the head committed in the tables
    private long forced; // the tree size whose entries are all on the device (forcing on)
    private boolean forcing; // a caller is forcing, outside the lock
    private @Nullable Exception writeFailure; // a journal write failed: nothing more until restart
    private @Nullable Exception indexFailure; // the last index commit failed
    private int readersWaiting; // readers in awaitIndexed: index at once
    private volatile boolean running;
    private volatile boolean active;
    private @Nullable Thread indexer;

    @Autowired
    AuditJournal(DataSource dataSource, AuditSettings settings, PlatformSettings platform, Clock clock) {
        this(
                dataSource,
                settings,
                clock,
                platform.dataDir().resolve("audit").resolve("journal"),
                SWITCH_BYTES,
                JournalFiles.MSYNC);
    }

    /**
     * @param force how bytes are forced to the device (the test seam; used only while {@code
     *     settings.journalForce()} is on)
     */
    AuditJournal(
            DataSource dataSource,
            AuditSettings settings,
            Clock clock,
            Path file,
            long switchBytes,
            JournalFiles.Force force) {
        this.dataSource = dataSource;
        this.settings = settings;
        this.clock = clock;
        this.file = file;
        this.switchBytes = switchBytes;
        this.force = settings.journalForce() ? force : null;
    }

    /** True on the embedded database, where events go through the journal. */
    boolean active() {
        return active;
    }

    /** Journals the event; answers once it is in the file and, when forcing, forced to the device. */
    AuditRecord append(AuditEvent event) {
        long deadline = System.nanoTime() + settings.recordTimeout().toNanos();
        lock.lock();
        try {
            while (true) {
                refuseIfFailed();
                if (backlog.size() < settings.queueCapacity()) {
                    break;
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AuditUnavailableException(new IllegalStateException("the audit index is behind"));
                }
                indexedOrFailed.awaitNanos(left);
            }
            Instant now = CanonicalEntry.storedTime(clock.instant());
            long seq = appended.size();
            byte[] encoding = CanonicalEntry.encode(seq, now, event);
            write(seq, encoding);
            StoredEntry entry = new StoredEntry(seq, now, event, MerkleHashes.leaf(encoding));
            appended.append(entry.leafHash(), completed);
            completed.clear();
            boolean wasEmpty = backlog.isEmpty();
            backlog.addLast(entry);
            if (wasEmpty || backlog.size() >= settings.maxBatch()) {
                appendedOrStopped.signal(); // the indexer starts gathering, or has enough
            }
            if (force != null) {
                awaitForced(seq + 1, deadline);
            }
            return new AuditRecord(seq, now);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AuditUnavailableException(e);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Under the lock: writes the record to the file, or refuses this event and every later one until
     * restart. A store into the mapping that faults (an I/O error of the file's device) surfaces as an
     * {@link InternalError}, which is such a failure too.
     */
    private void write(long seq, byte[] encoding) {
        try {
            JournalFiles f = files;
            if (f == null) {
                throw new IOException("the audit journal is closed");
            }
            f.append(seq, encoding);
        } catch (IOException | RuntimeException | InternalError e) {
            writeFailure = e instanceof Exception x ? x : new IOException(e);
            log.error(
                    "audit journal cannot write ({}): every event is refused until restart",
                    e.getClass().getSimpleName());
            throw new AuditUnavailableException(writeFailure);
        }
    }

    /**
     * Under the lock: waits until the first {@code size} entries are on the device, forcing them if no
     * force is under way (a group force: one force covers everything stored before it).
     */
    private void awaitForced(long size, long deadline) throws InterruptedException {
        while (forced < size) {
            if (writeFailure != null) {
                throw new AuditUnavailableException(writeFailure);
            }
            if (!forcing) {
                forceStored();
                continue;
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AuditUnavailableException(new IllegalStateException("the audit journal's force is late"));
            }
            forcedOrFailed.awaitNanos(left);
        }
    }

    /**
     * Under the lock (released during the force): forces everything stored so far; a failure refuses
     * every waiting and later event until restart, as a failed write does.
     */
    private void forceStored() {
        JournalFiles f = files;
        if (f == null) {
            throw new AuditUnavailableException(new IOException("the audit journal is closed"));
        }
        forcing = true;
        long size = appended.size();
        JournalFiles.Unforced unforced = f.unforced();
        Throwable failure = null;
        lock.unlock();
        try {
            f.force(unforced);
        } catch (IOException | RuntimeException | InternalError e) {
            failure = e;
        } finally {
            lock.lock();
            forcing = false;
            forcedOrFailed.signalAll();
        }
        if (failure != null) {
            writeFailure = failure instanceof Exception x ? x : new IOException(failure);
            log.error(
                    "audit journal cannot force its file to disk ({}): every event is refused until restart",
                    failure.getClass().getSimpleName());
            throw new AuditUnavailableException(writeFailure);
        }
        f.forced(unforced);
        forced = Math.max(forced, size);
    }

    /** The tree size whose entries are all in the file or the tables (for tests). */
    long journaled() {
        lock.lock();
        try {
            return appended.size();
        } finally {
            lock.unlock();
        }
    }

    /** Bytes of records in the journal's files (for tests). */
    long bytesInUse() {
        lock.lock();
        try {
            JournalFiles f = files;
            return f == null ? 0 : f.bytesInUse();
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
            long target = appended.size();
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
        int recycle;
        JournalFiles f;
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
            f = files;
            long settled = force == null ? indexed.size() : Math.min(indexed.size(), forced);
            recycle = f == null || writeFailure != null ? -1 : f.startRecycling(settled);
            indexedOrFailed.signalAll();
        } finally {
            lock.unlock();
        }
        if (f != null && recycle >= 0) {
            recycle(f, recycle);
        }
    }

    /**
     * Zeroes a file whose entries are all committed, outside the lock (appends go to the other file
     * meanwhile); under sustained load this is what bounds the journal, since the backlog never empties.
     * When forcing, H2 first puts its committed data on the device, so a power loss cannot take the
     * entries from the tables after the journal has dropped them.
     */
    private void recycle(JournalFiles f, int i) {
        try {
            if (force != null) {
                syncDatabase();
            }
        } catch (SQLException e) {
            log.warn("audit journal: the database cannot sync ({}); the file is zeroed later", e.getSQLState());
            lock.lock();
            try {
                f.keep(i);
            } finally {
                lock.unlock();
            }
            return;
        }
        Exception failure = null;
        try {
            f.zero(i);
        } catch (IOException | RuntimeException e) {
            failure = e;
        }
        lock.lock();
        try {
            if (failure == null) {
                f.recycled(i);
            } else {
                f.keep(i);
                writeFailure = failure;
                log.error(
                        "audit journal cannot zero a file ({}): every event is refused until restart",
                        failure.getClass().getSimpleName());
                forcedOrFailed.signalAll();
            }
        } finally {
            lock.unlock();
        }
    }

    /** H2 writes and syncs everything committed ({@code CHECKPOINT SYNC}). */
    private void syncDatabase() throws SQLException {
        try (Connection c = dataSource.getConnection();
                Statement s = c.createStatement()) {
            s.execute("CHECKPOINT SYNC");
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
            List<JournalFiles.Found> found = new ArrayList<>();
            if (force == null) {
                log.warn("SECUREVISIT_AUDIT_JOURNAL_FORCE=false: audit records are acknowledged before they are on"
                        + " disk; a power loss or OS crash can lose the last ones");
            }
            JournalFiles f = JournalFiles.open(file, switchBytes, force, found);
            try {
                f.restore(replay(found));
            } catch (RuntimeException e) {
                f.close();
                throw e;
            }
            files = f;
            forced = appended.size(); // open forced what the files hold
        } catch (IOException e) {
            throw new StartupException("SECUREVISIT_DATA_DIR", "the audit journal cannot be opened: " + e.getMessage());
        }
        running = true;
        Thread t = Thread.ofPlatform().name("audit-indexer").daemon().start(this::indexLoop);
        indexer = t;
        awaitIndexed(); // replayed entries are in the tables before the first request
    }

    /**
     * Replays what the files hold: entries the tables already hold are skipped, the rest must continue
     * the tree in sequence order (else the start is refused). Answers the last sequence number found
     * in each file (-1 for none).
     */
    private long[] replay(List<JournalFiles.Found> found) {
        appended = indexed.copy();
        long[] last = {-1, -1};
        List<StoredEntry> entries = new ArrayList<>();
        for (JournalFiles.Found r : found) {
            StoredEntry entry;
            try {
                entry = CanonicalEntry.decode(r.encoding());
            } catch (IllegalArgumentException e) {
                throw new StartupException(
                        "SECUREVISIT_DATA_DIR",
                        "the audit journal " + r.file() + " is damaged at byte " + r.offset() + ": " + e.getMessage());
            }
            last[r.index()] = Math.max(last[r.index()], entry.seq());
            entries.add(entry);
        }
        entries.sort(Comparator.comparingLong(StoredEntry::seq)); // the two files' records in one order
        for (StoredEntry entry : entries) {
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
        }
        if (!backlog.isEmpty()) {
            log.info("audit journal: {} entries replayed into the trail", backlog.size());
        }
        return last;
    }

    @Override
    public void stop() {
        lock.lock();
        try {
            running = false;
            appendedOrStopped.signalAll();
            indexedOrFailed.signalAll();
            forcedOrFailed.signalAll();
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
        lock.lock(); // no append is under way
        try {
            JournalFiles f = files;
            files = null;
            if (f != null) {
                f.close();
            }
        } finally {
            lock.unlock();
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
