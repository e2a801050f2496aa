package health.securevisit.audit.internal;

import health.securevisit.audit.AuditEvent;
import health.securevisit.audit.AuditRecord;
import health.securevisit.audit.AuditUnavailableException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
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
 * Group commit, pipelined: callers hand their event to the writer and wait. A sequencer thread takes
 * the waiting events, hashes them onto the tree head it expects (sequence numbers, leaves, subtrees,
 * new head) and adds them to the group being formed; a committer thread takes the whole formed group
 * as soon as it is free and commits it in one transaction ({@link GroupStore}: the head row lock,
 * then the entries and subtrees). So hashing and the arrival of the next callers overlap the
 * database's work on the previous group, and a group grows with the load (up to {@code maxBatch};
 * beyond that the sequencer waits). Only after the commit are the callers released; if the
 * transaction fails, every caller of the group gets {@link AuditUnavailableException}. Waiting is
 * bounded ({@code recordTimeout}). A group hashed on a head that the database no longer has (after a
 * failed commit, or another application node's commit) is hashed again under the head lock, so the
 * hashing ahead never decides what is stored.
 */
@Component
class AuditWriter implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(AuditWriter.class);
    static final int STORED_LEVEL = 8;

    private final DataSource dataSource;
    private final AuditSettings settings;
    private final Clock clock;
    private final BlockingQueue<Group.Pending> queue;
    private final AtomicLong commits = new AtomicLong();
    private final GroupHandoff handoff;
    private volatile boolean running;
    private volatile boolean encodeRows; // the database takes binary COPY rows (the committer finds out)
    private final List<Thread> threads = new ArrayList<>();

    AuditWriter(DataSource dataSource, AuditSettings settings, Clock clock) {
        this.dataSource = dataSource;
        this.settings = settings;
        this.clock = clock;
        this.queue = new LinkedBlockingQueue<>(settings.queueCapacity());
        this.handoff = new GroupHandoff(settings.maxBatch(), clock);
    }

    AuditRecord submit(AuditEvent event) {
        if (!running) {
            throw new AuditUnavailableException(new IllegalStateException("the audit writer is not running"));
        }
        Group.Pending pending = new Group.Pending(event, new CompletableFuture<>());
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

    /** The sequencer: hashes what is waiting onto the expected head and adds it to the forming group. */
    private void sequence() {
        List<Group.Pending> chunk = new ArrayList<>();
        CompactRange range = CompactRange.empty();
        byte[] root = range.root();
        try {
            while (running || !queue.isEmpty()) {
                Group.Pending first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                chunk.add(first);
                queue.drainTo(chunk, handoff.room() - 1);
                while (true) {
                    GroupHandoff.Chain chain = handoff.chain();
                    if (chain.restart() != null) { // the committer corrected the chain: continue from its head
                        range = chain.restart();
                        root = range.root();
                    }
                    Group hashed = new Group(encodeRows);
                    hashed.hash(chunk, range, root, CanonicalEntry.storedTime(clock.instant()));
                    root = hashed.endRoot;
                    if (handoff.add(hashed, chain.epoch())) {
                        break;
                    }
                }
                chunk.clear();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            handoff.close();
        }
    }

    /** The committer: takes the whole forming group as soon as it is free, commits it, releases its callers. */
    private void commitLoop() {
        GroupHandoff.Head known = null; // the head the last commit left
        for (Group group; (group = handoff.take(known, encodeRows)) != null; ) {
            Group written = commit(group);
            if (written != null) {
                known = new GroupHandoff.Head(written.endSize, written.endRoot, written.endFrontier);
            }
        }
    }

    /** Commits the group; returns what was written, or null if the transaction failed. */
    private @Nullable Group commit(Group group) {
        Group written;
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            encodeRows = EntryCopy.supports(c);
            try {
                written = GroupStore.write(c, group, clock);
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
                    group.size());
            AuditUnavailableException failure = new AuditUnavailableException(e);
            group.pending.forEach(p -> p.done().completeExceptionally(failure));
            return null;
        }
        commits.incrementAndGet();
        List<AuditRecord> receipts = written.receipts();
        for (int i = 0; i < receipts.size(); i++) {
            written.pending.get(i).done().complete(receipts.get(i));
        }
        return written;
    }

    /** Transactions committed so far (each holds one or more events). */
    long commits() {
        return commits.get();
    }

    @Override
    public void start() {
        handoff.open();
        running = true;
        threads.clear();
        threads.add(Thread.ofPlatform().name("audit-sequencer").daemon().start(this::sequence));
        threads.add(Thread.ofPlatform().name("audit-committer").daemon().start(this::commitLoop));
    }

    @Override
    public void stop() {
        running = false;
        long deadline = System.nanoTime() + settings.recordTimeout().toNanos();
        for (Thread t : threads) {
            try {
                t.join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
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
