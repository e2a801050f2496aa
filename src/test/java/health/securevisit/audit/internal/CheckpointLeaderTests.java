package health.securevisit.audit.internal;

import static org.assertj.core.api.Assertions.assertThat;

import health.securevisit.audit.AuditTrail;
import health.securevisit.support.ChildProcess;
import health.securevisit.support.ClusterNodes;
import health.securevisit.support.RunningServer;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * One checkpoint signer among several nodes on one PostgreSQL database: both nodes record, only the
 * lock holder signs, and when the leader's database session dies or the leader stops, the other node
 * signs the next checkpoint (well within 5 s); {@code audit verify} then checks every checkpoint,
 * those of both leaders, against the one recomputed tree.
 */
class CheckpointLeaderTests {

    @Test
    void oneNodeSignsAndTheOtherTakesOverWhenItDies() throws Exception {
        try (ClusterNodes nodes = ClusterNodes.start(Map.of())) {
            RunningServer a = nodes.a();
            RunningServer b = nodes.b();
            // Started together: exactly one node holds the lead (A started first and took it).
            assertThat(leads(a)).isTrue();
            assertThat(leads(b)).isFalse();

            recordOn(a, 0, 20);
            recordOn(b, 20, 40);
            long size = treeSize(nodes);
            awaitCheckpoint(nodes, size);
            long firstLeaderLast = latestCheckpoint(nodes);

            // The leader's database session dies (as when its node is killed): the lock is free again.
            terminateLockHolder(nodes);
            recordOn(b, 40, 60);
            awaitOneLeader(a, b);

            // The leader stops: the other node signs the next checkpoint.
            RunningServer survivor = leads(a) ? b : a;
            RunningServer leaving = survivor == a ? b : a;
            leaving.context().close();
            recordOn(survivor, 60, 80);
            long start = System.nanoTime();
            awaitCheckpoint(nodes, treeSize(nodes));
            Duration takeover = Duration.ofNanos(System.nanoTime() - start);
            assertThat(takeover).isLessThan(Duration.ofSeconds(5));
            assertThat(leads(survivor)).isTrue();
            assertThat(latestCheckpoint(nodes)).isGreaterThan(firstLeaderLast);

            List<String> args = new ArrayList<>(List.of(
                    "audit",
                    "verify",
                    "--securevisit.data-dir=" + survivor.dataDir(),
                    "--securevisit.db.url=" + nodes.db().url(),
                    "--securevisit.db.user=" + nodes.db().user()));
            survivor.context().close(); // the embedded-style data directory lock is free for the command
            ChildProcess.Result verify = ChildProcess.run(Map.of(), args.toArray(String[]::new));
            assertThat(verify.exitCode()).as(verify.stdout() + verify.stderr()).isZero();
            assertThat(verify.stdout()).contains("OK");
        }
    }

    private static boolean leads(RunningServer node) {
        return node.context().getBean(CheckpointLeader.class).leads();
    }

    private static void recordOn(RunningServer node, int from, int to) {
        AuditTrail trail = node.context().getBean(AuditTrail.class);
        for (int i = from; i < to; i++) {
            trail.record(TrailFixture.event(i));
        }
    }

    private static void awaitOneLeader(RunningServer a, RunningServer b) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            boolean la = leads(a);
            boolean lb = leads(b);
            assertThat(la && lb).as("two leaders at once").isFalse();
            if (la || lb) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no node took the checkpoint lead");
    }

    private static void awaitCheckpoint(ClusterNodes nodes, long size) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (latestCheckpoint(nodes) < size) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no checkpoint of tree size " + size + " within 10 s");
            }
            Thread.sleep(50);
        }
    }

    private static long treeSize(ClusterNodes nodes) throws SQLException {
        return scalar(nodes, "SELECT count(*) FROM audit_entry");
    }

    private static long latestCheckpoint(ClusterNodes nodes) throws SQLException {
        return scalar(nodes, "SELECT coalesce(max(tree_size), 0) FROM audit_checkpoint");
    }

    private static void terminateLockHolder(ClusterNodes nodes) throws SQLException {
        long terminated = scalar(
                nodes,
                "SELECT count(pg_terminate_backend(pid)) FROM pg_locks WHERE locktype = 'advisory' AND granted"
                        // pg_locks lists every database's locks: only this test's database counts
                        + " AND database = (SELECT oid FROM pg_database WHERE datname = current_database())"
                        + " AND ((classid::bigint << 32) | objid::bigint) = " + CheckpointLeader.LOCK_KEY);
        assertThat(terminated).isEqualTo(1);
    }

    private static long scalar(ClusterNodes nodes, String sql) throws SQLException {
        try (Connection c = nodes.db().connect();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
