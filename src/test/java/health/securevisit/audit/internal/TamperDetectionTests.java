package health.securevisit.audit.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * An attacker with direct database access (triggers dropped or disabled, as a superuser could) changes
 * the trail; the verifier, trusting only the public key, names the first bad sequence number. Ten
 * entries, checkpoints signed at tree sizes 5 and 10, tampering at entries 5 and later. Each case on
 * H2 and on PostgreSQL.
 */
class TamperDetectionTests {

    @TempDir
    Path dir;

    TrailFixture trail;

    TrailFixture tenEntries(String vendor) {
        trail = TrailFixture.of(vendor, dir);
        trail.recordRange(0, 5);
        assertThat(trail.checkpointer.checkpointNow()).isEqualTo(5);
        trail.recordRange(5, 10);
        assertThat(trail.checkpointer.checkpointNow()).isEqualTo(10);
        return trail;
    }

    @AfterEach
    void close() {
        if (trail != null) {
            trail.close();
        }
    }

    static String hex(byte[] b) {
        return HexFormat.of().formatHex(b);
    }

    String bytes(byte[] b) {
        return trail.vendor.equals("h2") ? "X'" + hex(b) + "'" : "'\\x" + hex(b) + "'::bytea";
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void intactTrailVerifies(String vendor) throws Exception {
        VerificationReport report = tenEntries(vendor).verify();
        assertThat(report.ok()).as(report.summary()).isTrue();
        assertThat(report.entries()).isEqualTo(10);
        assertThat(report.checkpoints()).isEqualTo(2);
        assertThat(report.summary()).startsWith("audit verify: OK");
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void modifiedEntryIsNamed(String vendor) throws Exception {
        tenEntries(vendor).tamper("UPDATE audit_entry SET actor_id = 'mallory' WHERE seq = 7");
        VerificationReport report = trail.verify();
        assertThat(report.ok()).isFalse();
        assertThat(report.firstBadSequence()).contains(7L);
        assertThat(report.summary()).contains("first bad sequence number 7").contains("entry 7 does not match");
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void modifiedEntryWithRecomputedHashIsCaughtByTheCheckpoint(String vendor) throws Exception {
        tenEntries(vendor);
        StoredEntry original = entry(7);
        var forged = new StoredEntry(
                7,
                original.time(),
                TrailFixture.event(99),
                MerkleHashes.leaf(CanonicalEntry.encode(7, original.time(), TrailFixture.event(99))));
        trail.tamper("UPDATE audit_entry SET actor_id = '" + forged.event().actorId() + "', session_ref = '"
                + forged.event().sessionRef() + "', request_id = '"
                + forged.event().requestId() + "', resource_id = '"
                + forged.event().resourceId() + "', patient_id = '"
                + forged.event().patientId() + "', outcome = '"
                + forged.event().outcome() + "', leaf_hash = " + bytes(forged.leafHash()) + " WHERE seq = 7");
        VerificationReport report = trail.verify();
        assertThat(report.ok()).isFalse();
        assertThat(report.firstBadSequence()).contains(5L);
        assertThat(report.summary()).contains("entries 5..9 do not match the signed checkpoint of tree size 10");
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void deletedEntryIsNamed(String vendor) throws Exception {
        tenEntries(vendor).tamper("DELETE FROM audit_entry WHERE seq = 5");
        VerificationReport report = trail.verify();
        assertThat(report.firstBadSequence()).contains(5L);
        assertThat(report.summary()).contains("entry 5 is missing or out of place");
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void deletedNewestEntriesAreNamed(String vendor) throws Exception {
        tenEntries(vendor).tamper("DELETE FROM audit_entry WHERE seq >= 8");
        VerificationReport report = trail.verify();
        assertThat(report.firstBadSequence()).contains(8L);
        assertThat(report.summary()).contains("covers entries 8..9 that are missing");
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void insertedEntryIsNamed(String vendor) throws Exception {
        tenEntries(vendor);
        Instant time = entry(5).time();
        byte[] leaf = MerkleHashes.leaf(CanonicalEntry.encode(5, time, TrailFixture.event(42)));
        trail.tamper(
                "UPDATE audit_entry SET seq = seq + 1000 WHERE seq >= 5",
                "UPDATE audit_entry SET seq = seq - 999 WHERE seq >= 1000");
        trail.insertRaw(new StoredEntry(5, time, TrailFixture.event(42), leaf));
        VerificationReport report = trail.verify();
        assertThat(report.firstBadSequence()).contains(5L);
        assertThat(report.summary()).contains("entry 6 does not match its recorded hash: it is the original entry 5");
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void reorderedEntriesAreNamed(String vendor) throws Exception {
        tenEntries(vendor)
                .tamper(
                        "UPDATE audit_entry SET seq = 100 WHERE seq = 5",
                        "UPDATE audit_entry SET seq = 5 WHERE seq = 7",
                        "UPDATE audit_entry SET seq = 7 WHERE seq = 100");
        VerificationReport report = trail.verify();
        assertThat(report.firstBadSequence()).contains(5L);
        assertThat(report.summary()).contains("entry 5 does not match").contains("entry 7 does not match");
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void forgedCheckpointIsRefused(String vendor) throws Exception {
        tenEntries(vendor);
        byte[] root = new byte[32];
        String forged = TrailFixture.signedByAnotherKey(10, root);
        trail.tamper("UPDATE audit_checkpoint SET note = '" + forged + "', root_hash = " + bytes(root)
                + " WHERE tree_size = 10");
        VerificationReport report = trail.verify();
        assertThat(report.ok()).isFalse();
        assertThat(report.summary())
                .contains("checkpoint of tree size 10: the signature does not verify with the trusted key");
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void keptCheckpointsCatchARewriteWhoseCheckpointWasDeleted(String vendor) throws Exception {
        tenEntries(vendor);
        List<String> kept = KeptCheckpoints.read(dir.resolve("audit").resolve(Publication.CHECKPOINTS));
        assertThat(kept).hasSize(2);
        Instant time = entry(9).time();
        byte[] leaf = MerkleHashes.leaf(CanonicalEntry.encode(9, time, TrailFixture.event(77)));
        trail.tamper("DELETE FROM audit_checkpoint WHERE tree_size = 10", "DELETE FROM audit_entry WHERE seq = 9");
        trail.insertRaw(new StoredEntry(9, time, TrailFixture.event(77), leaf));
        trail.tamper("UPDATE audit_head SET tree_size = 10");
        assertThat(trail.verify().ok()).as("the database alone cannot tell").isTrue();
        VerificationReport report = trail.verify(kept);
        assertThat(report.ok()).isFalse();
        assertThat(report.firstBadSequence()).contains(5L);
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void theDatabaseRefusesUpdateDeleteAndTruncate(String vendor) throws Exception {
        tenEntries(vendor);
        for (String sql : List.of(
                "UPDATE audit_entry SET actor_id = 'mallory' WHERE seq = 1",
                "DELETE FROM audit_entry WHERE seq = 9",
                "TRUNCATE TABLE audit_entry",
                "UPDATE audit_checkpoint SET note = 'x' WHERE tree_size = 5",
                "DELETE FROM audit_checkpoint",
                "TRUNCATE TABLE audit_checkpoint")) {
            try (Connection c = trail.dataSource.getConnection();
                    Statement s = c.createStatement()) {
                assertThatThrownBy(() -> s.execute(sql)).as(sql).isInstanceOf(SQLException.class);
            }
        }
        assertThat(trail.verify().ok()).isTrue();
        assertThat(trail.verify().entries()).isEqualTo(10);
    }

    StoredEntry entry(long seq) throws SQLException {
        try (Connection c = trail.dataSource.getConnection();
                PreparedStatement ps =
                        c.prepareStatement("SELECT " + StoredEntry.COLUMNS + " FROM audit_entry WHERE seq = ?")) {
            ps.setLong(1, seq);
            try (var rs = ps.executeQuery()) {
                assertThat(rs.next()).isTrue();
                return StoredEntry.read(rs);
            }
        }
    }
}
