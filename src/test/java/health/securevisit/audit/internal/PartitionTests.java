package health.securevisit.audit.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import health.securevisit.audit.AuditUnavailableException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * PostgreSQL: audit_entry is partitioned by month, created ahead by the application; every partition
 * is append-only; time-bounded queries touch only their months; a missing or renamed partition is
 * named by the verifier; the append path writes into the current month and fails closed only when
 * that partition is gone. (H2 keeps one table: the other audit tests run on it.)
 */
class PartitionTests {

    @TempDir
    Path dir;

    TrailFixture trail;
    final YearMonth now = YearMonth.from(Instant.now().atOffset(ZoneOffset.UTC));

    @AfterEach
    void close() {
        if (trail != null) {
            trail.close();
        }
    }

    List<String> query(String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = trail.dataSource.getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    List<String> partitions() throws SQLException {
        return query("SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid"
                + " WHERE i.inhparent = 'audit_entry'::regclass ORDER BY 1");
    }

    @Test
    void entriesGoToTheCurrentMonthAndMonthsAreCreatedAhead() throws Exception {
        trail = TrailFixture.postgres(dir);
        Clock inFourMonths =
                Clock.fixed(now.plusMonths(4).atDay(2).atStartOfDay().toInstant(ZoneOffset.UTC), ZoneOffset.UTC);
        assertThat(new AuditPartitions(trail.dataSource, inFourMonths).createAhead())
                .containsExactly(
                        AuditPartitions.name(now.plusMonths(4)),
                        AuditPartitions.name(now.plusMonths(5)),
                        AuditPartitions.name(now.plusMonths(6)));
        assertThat(new AuditPartitions(trail.dataSource, inFourMonths).createAhead())
                .as("idempotent")
                .hasSize(3);
        trail.recordRange(0, 5);
        assertThat(query("SELECT count(*) FROM " + AuditPartitions.name(now))).containsExactly("5");
        assertThat(partitions()).contains(AuditPartitions.name(now), AuditPartitions.name(now.plusMonths(6)));
    }

    @Test
    void everyPartitionRefusesUpdateDeleteAndTruncate() throws Exception {
        trail = TrailFixture.postgres(dir);
        trail.recordRange(0, 3);
        String ahead = AuditPartitions.name(now.plusMonths(2));
        for (String table : List.of("audit_entry", AuditPartitions.name(now), ahead)) {
            List<String> statements = new ArrayList<>(List.of("TRUNCATE TABLE " + table));
            if (!table.equals(ahead)) { // row triggers fire on rows: the month ahead has none yet
                statements.addAll(List.of("UPDATE " + table + " SET actor_id = 'mallory'", "DELETE FROM " + table));
            }
            for (String sql : statements) {
                try (Connection c = trail.dataSource.getConnection();
                        Statement s = c.createStatement()) {
                    assertThatThrownBy(() -> s.execute(sql), sql)
                            .isInstanceOf(SQLException.class)
                            .hasMessageContaining("the audit trail is append-only");
                }
            }
        }
        assertThat(trail.verify().ok()).isTrue();
    }

    @Test
    void timeBoundedPatientQueryTouchesOnlyItsMonth() throws Exception {
        trail = TrailFixture.postgres(dir);
        trail.recordRange(0, 10);
        String from = now.atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC).toString();
        String to = now.atEndOfMonth().atStartOfDay().toInstant(ZoneOffset.UTC).toString();
        List<String> plan = query("EXPLAIN SELECT seq FROM audit_entry WHERE patient_id = 'p-1' AND recorded_at >= '"
                + from + "' AND recorded_at < '" + to + "' ORDER BY seq DESC LIMIT 50");
        assertThat(String.join("\n", plan))
                .contains(AuditPartitions.name(now))
                .doesNotContain(AuditPartitions.name(now.plusMonths(1)))
                .doesNotContain(AuditPartitions.name(now.plusMonths(2)));
    }

    @Test
    void renamedPartitionIsNamed() throws Exception {
        trail = TrailFixture.postgres(dir);
        trail.recordRange(0, 5);
        trail.checkpointer.checkpointNow();
        trail.tamper("ALTER TABLE " + AuditPartitions.name(now) + " RENAME TO audit_entry_old");
        VerificationReport report = trail.verify();
        assertThat(report.ok()).isFalse();
        assertThat(report.summary())
                .contains("partition audit_entry_old holds the entries of " + now + " but is named audit_entry_old"
                        + " (renamed; its name must be " + AuditPartitions.name(now) + ")");
    }

    @Test
    void detachedPastPartitionIsNamedWhileRecordingGoesOn() throws Exception {
        trail = TrailFixture.postgres(dir);
        try (Connection c = trail.dataSource.getConnection()) {
            AuditPartitions.create(c, now.minusMonths(2));
            AuditPartitions.create(c, now.minusMonths(1));
        }
        trail.recordRange(0, 5);
        trail.checkpointer.checkpointNow();
        trail.tamper("ALTER TABLE audit_entry DETACH PARTITION " + AuditPartitions.name(now.minusMonths(1)));
        trail.recordRange(5, 8);
        trail.checkpointer.checkpointNow();
        VerificationReport report = trail.verify();
        assertThat(report.ok()).isFalse();
        assertThat(report.entries()).isEqualTo(8);
        assertThat(report.summary())
                .contains("partition " + AuditPartitions.name(now.minusMonths(1)) + " (the entries of "
                        + now.minusMonths(1) + ") is missing");
    }

    @Test
    void droppedCurrentPartitionFailsClosedAndIsNamed() throws Exception {
        trail = TrailFixture.postgres(dir);
        trail.recordRange(0, 5);
        trail.checkpointer.checkpointNow();
        trail.tamper("DROP TABLE " + AuditPartitions.name(now));
        assertThatThrownBy(() -> trail.record(5)).isInstanceOf(AuditUnavailableException.class);
        VerificationReport report = trail.verify();
        assertThat(report.ok()).isFalse();
        assertThat(report.summary())
                .contains("partition " + AuditPartitions.name(now) + " (the entries of " + now + ") is missing")
                .contains("covers entries 0..4 that are missing");
    }
}
