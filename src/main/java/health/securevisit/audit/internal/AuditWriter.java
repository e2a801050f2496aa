package health.securevisit.audit.internal;

import health.securevisit.audit.AuditEvent;
import health.securevisit.audit.AuditRecord;
import health.securevisit.audit.AuditUnavailableException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Group commit: callers hand their event to one writer thread and wait; the writer takes every event
 * waiting (up to {@code maxBatch}) and commits them in one transaction that locks the tree head,
 * assigns gap-free sequence numbers, inserts the entries and the completed tree nodes and moves the
 * head. Only then are the callers released. If the transaction fails, every caller of the batch gets
 * {@link AuditUnavailableException}. Waiting is bounded ({@code recordTimeout}). The head row lock
 * keeps sequence numbers gap-free even with several application nodes on one database.
 */
@Component
class AuditWriter implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(AuditWriter.class);
    static final int STORED_LEVEL = 8;

    private record Pending(AuditEvent event, CompletableFuture<AuditRecord> done) {}

    private final DataSource dataSource;
    private final AuditSettings settings;
    private final BlockingQueue<Pending> queue;
    private final AtomicLong commits = new AtomicLong();
    private volatile boolean running;
    private volatile @Nullable Thread thread;

    AuditWriter(DataSource dataSource, AuditSettings settings) {
        this.dataSource = dataSource;
        this.settings = settings;
        this.queue = new LinkedBlockingQueue<>(settings.queueCapacity());
    }

    AuditRecord submit(AuditEvent event) {
        if (!running) {
            throw new AuditUnavailableException(new IllegalStateException("the audit writer is not running"));
        }
        Pending pending = new Pending(event, new CompletableFuture<>());
        long timeout = settings.recordTimeout().toNanos();
        try {
            long start = System.nanoTime();
            if (!queue.offer(pending, timeout, TimeUnit.NANOSECONDS)) {
                throw new AuditUnavailableException(new TimeoutException("the audit queue is full"));
            }
            return pending.done().get(timeout - (System.nanoTime() - start), TimeUnit.NANOSECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof AuditUnavailableException u ? u : new AuditUnavailableException(e.getCause());
        } catch (TimeoutException e) {
            throw new AuditUnavailableException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AuditUnavailableException(e);
        }
    }

    private void loop() {
        List<Pending> batch = new ArrayList<>(settings.maxBatch());
        int previous = 0;
        while (running || !queue.isEmpty()) {
            try {
                Pending first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                gather(batch, previous > 1 ? settings.groupCommitWait().toNanos() : 0);
                previous = batch.size();
                commit(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } finally {
                batch.clear();
            }
        }
    }

    /**
     * Takes what is waiting; under load (the previous batch held several events) also waits up to
     * {@code wait} for more, so that one transaction serves many callers. A lone caller never waits.
     */
    private void gather(List<Pending> batch, long wait) throws InterruptedException {
        long deadline = System.nanoTime() + wait;
        while (batch.size() < settings.maxBatch()) {
            queue.drainTo(batch, settings.maxBatch() - batch.size());
            long left = deadline - System.nanoTime();
            if (batch.size() >= settings.maxBatch() || left <= 0) {
                return;
            }
            Pending next = queue.poll(left, TimeUnit.NANOSECONDS);
            if (next == null) {
                return;
            }
            batch.add(next);
        }
    }

    private void commit(List<Pending> batch) {
        List<AuditRecord> receipts;
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                receipts = append(c, batch);
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException | RuntimeException e) {
            log.error(
                    "audit store cannot write ({} {}): {} events refused",
                    e.getClass().getSimpleName(),
                    e instanceof SQLException s ? s.getSQLState() : "-",
                    batch.size());
            AuditUnavailableException failure = new AuditUnavailableException(e);
            batch.forEach(p -> p.done().completeExceptionally(failure));
            return;
        }
        commits.incrementAndGet();
        for (int i = 0; i < batch.size(); i++) {
            batch.get(i).done().complete(receipts.get(i));
        }
    }

    private static List<AuditRecord> append(Connection c, List<Pending> batch) throws SQLException {
        long size;
        CompactRange range;
        try (PreparedStatement ps =
                        c.prepareStatement("SELECT tree_size, frontier FROM audit_head WHERE id = 1 FOR UPDATE");
                ResultSet rs = ps.executeQuery()) {
            if (!rs.next()) {
                throw new SQLException("the audit tree head is missing");
            }
            size = rs.getLong(1);
            byte[] frontier = rs.getBytes(2);
            range = CompactRange.restore(size, frontier == null ? new byte[0] : frontier);
        }
        Instant now = CanonicalEntry.storedTime(Instant.now());
        List<AuditRecord> receipts = new ArrayList<>(batch.size());
        List<CompactRange.Node> completed = new ArrayList<>();
        List<StoredEntry> entries = new ArrayList<>(batch.size());
        for (Pending p : batch) {
            long seq = range.size();
            byte[] leaf = MerkleHashes.leaf(CanonicalEntry.encode(seq, now, p.event()));
            entries.add(new StoredEntry(seq, now, p.event(), leaf));
            range.append(leaf, completed);
            receipts.add(new AuditRecord(seq, now));
        }
        StoredEntry.insertAll(c, "audit_entry", entries);
        insertNodes(c, completed);
        try (PreparedStatement ps =
                c.prepareStatement("UPDATE audit_head SET tree_size = ?, root_hash = ?, frontier = ? WHERE id = 1")) {
            ps.setLong(1, range.size());
            ps.setBytes(2, range.root());
            ps.setBytes(3, range.serialize());
            ps.executeUpdate();
        }
        return receipts;
    }

    private static void insertNodes(Connection c, List<CompactRange.Node> completed) throws SQLException {
        boolean any = false;
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO audit_node (level, idx, hash) VALUES (?, ?, ?)")) {
            for (CompactRange.Node n : completed) {
                if (n.level() >= STORED_LEVEL) {
                    ps.setInt(1, n.level());
                    ps.setLong(2, n.index());
                    ps.setBytes(3, n.hash());
                    ps.addBatch();
                    any = true;
                }
            }
            if (any) {
                ps.executeBatch();
            }
        }
    }

    /** Transactions committed so far (each holds one or more events). */
    long commits() {
        return commits.get();
    }

    @Override
    public void start() {
        running = true;
        Thread t = new Thread(this::loop, "audit-writer");
        t.setDaemon(true);
        thread = t;
        t.start();
    }

    @Override
    public void stop() {
        running = false;
        Thread t = thread;
        if (t != null) {
            try {
                t.join(settings.recordTimeout().toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Starts before and stops after the web server, so that no request finds the writer stopped. */
    @Override
    public int getPhase() {
        return 0;
    }
}
