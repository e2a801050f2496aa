package health.securevisit.audit.internal;

import java.time.Clock;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;

/**
 * The hand-off between the writer's sequencer and committer: the group being formed (at most
 * {@code maxBatch} events), and the sequencer's chain. The sequencer hashes each chunk on the head
 * it expects and adds it; the committer takes the whole group when it is free. The committer knows
 * the head its own last commit left; if a group it takes was hashed on another head (after a failed
 * commit, or another node's), it hashes the group again on that head and restarts the sequencer's
 * chain after it (a new epoch: chunks hashed in the old one are hashed again).
 */
final class GroupHandoff {

    /** Where the sequencer hashes next: the epoch, and the head to continue from if it changed. */
    record Chain(long epoch, @Nullable CompactRange restart) {}

    /** A tree head: size, root and compact range. */
    record Head(long size, byte[] root, byte[] frontier) {}

    private final Clock clock;
    private final int maxBatch;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition formed = lock.newCondition();
    private final Condition taken = lock.newCondition();
    private Group forming = new Group(false);
    private boolean closed;
    private long epoch;
    private @Nullable CompactRange restart;

    GroupHandoff(int maxBatch, Clock clock) {
        this.clock = clock;
        this.maxBatch = maxBatch;
    }

    void open() {
        lock.lock();
        try {
            closed = false;
        } finally {
            lock.unlock();
        }
    }

    /** The sequencer has stopped: the committer takes what is left, then {@link #take} answers null. */
    void close() {
        lock.lock();
        try {
            closed = true;
            formed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** How many events the forming group can still take (waits while it is full). */
    int room() throws InterruptedException {
        lock.lock();
        try {
            while (forming.size() >= maxBatch) {
                taken.await();
            }
            return maxBatch - forming.size();
        } finally {
            lock.unlock();
        }
    }

    Chain chain() {
        lock.lock();
        try {
            Chain c = new Chain(epoch, restart);
            restart = null;
            return c;
        } finally {
            lock.unlock();
        }
    }

    /** Adds a chunk hashed in {@code chunkEpoch}; false if the chain restarted meanwhile (hash it again). */
    boolean add(Group chunk, long chunkEpoch) {
        lock.lock();
        try {
            if (chunkEpoch != epoch) {
                return false;
            }
            forming.append(chunk);
            formed.signalAll();
            return true;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Takes the whole forming group (waiting for one), hashed on {@code known} if that is not the
     * head it was hashed on; null once closed and empty.
     */
    @Nullable
    Group take(@Nullable Head known, boolean encodeRows) {
        lock.lock();
        try {
            while (forming.isEmpty()) {
                if (closed) {
                    return null;
                }
                formed.awaitUninterruptibly();
            }
            Group group = forming;
            forming = new Group(encodeRows);
            if (known != null && !group.follows(known.size(), known.root())) {
                group = group.rehash(CompactRange.restore(known.size(), known.frontier()), clock);
                restart = CompactRange.restore(group.endSize, group.endFrontier);
                epoch++;
            }
            taken.signalAll();
            return group;
        } finally {
            lock.unlock();
        }
    }
}
