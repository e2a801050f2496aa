package health.securevisit.audit.internal;

import health.securevisit.platform.PlatformSettings;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Which node of a cluster signs the audit tree's checkpoints: the one holding PostgreSQL's session
 * advisory lock {@link #LOCK_KEY}, on a connection of its own outside the pool. Every node still
 * appends (the writer's group commit integrates each group into the one tree under the head row
 * lock); only checkpoint signing has one leader. When the leader dies its connection ends, the
 * database releases the lock, and the next {@link #leads()} of another node (every checkpoint
 * interval) takes over; the new leader's first checkpoint covers the old leader's last one, and
 * {@code audit verify} checks every checkpoint against the one recomputed tree. On the embedded
 * database (one node) this node always leads.
 *
 * <p>Guarantees: at most one live database session holds the lock; a leader whose lock connection
 * fails stops leading at its next check. Two signers for a moment (a leader cut off from its lock
 * connection but not from the pool) can only sign heads of the same tree, and one tree size is
 * stored once.
 */
@Component
class CheckpointLeader {

    private static final Logger log = LoggerFactory.getLogger(CheckpointLeader.class);

    /** The advisory lock's key ("SVAUDITC"). */
    static final long LOCK_KEY = 0x5356_4155_4449_5443L;

    private final PlatformSettings.Db db;
    private @Nullable Connection held;

    @Autowired
    CheckpointLeader(PlatformSettings settings) {
        this(settings.db());
    }

    /** The lead on {@code db}; the embedded database (one node) always leads. */
    CheckpointLeader(PlatformSettings.Db db) {
        this.db = db;
    }

    /** Whether this node signs checkpoints now (taking the lead if it is free). */
    synchronized boolean leads() {
        if (db.embedded() || !db.url().startsWith("jdbc:postgresql:")) {
            return true;
        }
        Connection c = held;
        if (c != null) {
            try {
                if (c.isValid(2)) {
                    return true;
                }
            } catch (SQLException invalid) {
                // lost below
            }
            log.warn("lost the audit checkpoint lead (its database session ended)");
            release();
        }
        return tryLock();
    }

    /** Gives the lead up (at shutdown), so that another node takes it at once. */
    synchronized void release() {
        Connection c = held;
        held = null;
        if (c != null) {
            try {
                c.close(); // ends the session: PostgreSQL releases its advisory locks
            } catch (SQLException e) {
                log.debug(
                        "closing the checkpoint lead connection: {}",
                        e.getClass().getSimpleName());
            }
        }
    }

    private boolean tryLock() {
        Connection c = null;
        try {
            c = DriverManager.getConnection(db.url(), db.user(), db.password());
            try (PreparedStatement ps = c.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
                ps.setLong(1, LOCK_KEY);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next() && rs.getBoolean(1)) {
                        held = c;
                        log.info("this node now signs the audit checkpoints");
                        return true;
                    }
                }
            }
            c.close();
            return false;
        } catch (SQLException e) {
            if (c != null) {
                try {
                    c.close();
                } catch (SQLException ignored) {
                    // already failing
                }
            }
            return false;
        }
    }
}
