package health.securevisit.audit.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code audit verify} continues from its own signed record of the last checkpoint it proved: the
 * next run checks the entries after it, the checkpoints from it on and a consistency proof from it;
 * {@code --full} checks everything. Tampering after the record, with the record, or with what the
 * consistency proof rests on exits 1 naming what is wrong. PostgreSQL (the command runs beside the
 * server there).
 */
class IncrementalVerifyTests {

    @TempDir
    Path dir;

    TrailFixture trail;
    Path state;
    ByteArrayOutputStream out = new ByteArrayOutputStream();

    @AfterEach
    void close() {
        if (trail != null) {
            trail.close();
        }
    }

    /** 20 entries checkpointed at 10 and 20, verified once (the record is at 20), then 20..29 at 30. */
    void verifiedThenGrown() {
        trail = TrailFixture.postgres(dir);
        state = dir.resolve("verifier-state");
        trail.recordRange(0, 10);
        trail.checkpointer.checkpointNow();
        trail.recordRange(10, 20);
        trail.checkpointer.checkpointNow();
        assertThat(verify()).as(stdout()).isZero();
        assertThat(stdout()).doesNotContain("incremental");
        trail.recordRange(20, 30);
        trail.checkpointer.checkpointNow();
    }

    int verify(String... extra) {
        out = new ByteArrayOutputStream();
        List<String> args = new ArrayList<>(trail.cliArgs());
        args.addAll(List.of("--state", state.toString()));
        args.addAll(List.of(extra));
        return VerifyCommand.run(
                args,
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    }

    String stdout() {
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void secondRunChecksOnlyTheEntriesAfterTheVerifiedCheckpoint() {
        verifiedThenGrown();
        assertThat(verify()).as(stdout()).isZero();
        assertThat(stdout())
                .startsWith("audit verify: OK")
                .contains("incremental: entries from 20 on, after the verified checkpoint of tree size 20")
                .contains("entries: 30, checkpoints verified: 1 (latest tree size 30");
        assertThat(stdout().lines()
                        .filter(l -> l.startsWith("hashed "))
                        .findFirst()
                        .orElseThrow())
                .as("ten entries hashed, not thirty")
                .matches("hashed (\\d+) bytes .*")
                .satisfies(l -> assertThat(Long.parseLong(l.split(" ")[1])).isLessThan(15L * 100));
        assertThat(verify()).isZero();
        assertThat(stdout()).contains("incremental: entries from 30 on");
    }

    @Test
    void modifiedEntryAfterTheRecordIsNamed() throws Exception {
        verifiedThenGrown();
        trail.tamper("UPDATE audit_entry SET actor_id = 'mallory' WHERE seq = 24");
        assertThat(verify()).isEqualTo(1);
        assertThat(stdout())
                .startsWith("audit verify: FAILED: first bad sequence number 24")
                .contains("entry 24 does not match its recorded hash: modified");
        assertThat(verify()).as("a failed run does not move the record").isEqualTo(1);
    }

    @Test
    void deletedEntryAfterTheRecordIsNamed() throws Exception {
        verifiedThenGrown();
        trail.tamper("DELETE FROM audit_entry WHERE seq = 22");
        assertThat(verify()).isEqualTo(1);
        assertThat(stdout()).startsWith("audit verify: FAILED: first bad sequence number 22");
        assertThat(stdout()).contains("entry 22 is missing or out of place");
    }

    @Test
    void insertedEntryAfterTheRecordIsNamed() throws Exception {
        verifiedThenGrown();
        Instant time = Instant.now();
        byte[] leaf = MerkleHashes.leaf(CanonicalEntry.encode(25, time, TrailFixture.event(42)));
        trail.tamper(
                "UPDATE audit_entry SET seq = seq + 1000 WHERE seq >= 25",
                "UPDATE audit_entry SET seq = seq - 999 WHERE seq >= 1000");
        trail.insertRaw(new StoredEntry(25, time, TrailFixture.event(42), leaf));
        assertThat(verify()).isEqualTo(1);
        assertThat(stdout())
                .startsWith("audit verify: FAILED: first bad sequence number 25")
                .contains("entry 26 does not match its recorded hash: it is the original entry 25");
    }

    @Test
    void reorderedEntriesAfterTheRecordAreNamed() throws Exception {
        verifiedThenGrown();
        trail.tamper(
                "UPDATE audit_entry SET seq = 100 WHERE seq = 21",
                "UPDATE audit_entry SET seq = 21 WHERE seq = 23",
                "UPDATE audit_entry SET seq = 23 WHERE seq = 100");
        assertThat(verify()).isEqualTo(1);
        assertThat(stdout())
                .startsWith("audit verify: FAILED: first bad sequence number 21")
                .contains("entry 21 does not match")
                .contains("entry 23 does not match");
    }

    @Test
    void forgedAndForeignCheckpointsAfterTheRecordAreNamed() throws Exception {
        verifiedThenGrown();
        String foreign = TrailFixture.signedByAnotherKey(30, new byte[32]);
        trail.tamper("UPDATE audit_checkpoint SET note = '" + foreign + "', root_hash = '\\x"
                + HexFormat.of().formatHex(new byte[32]) + "'::bytea WHERE tree_size = 30");
        assertThat(verify()).isEqualTo(1);
        assertThat(stdout()).contains("checkpoint of tree size 30: the signature does not verify with the trusted key");
    }

    @Test
    void rewriteBeforeTheRecordWithRecomputedHashesFailsTheConsistencyProof() throws Exception {
        verifiedThenGrown();
        byte[] leaf;
        Instant time;
        try (Connection c = trail.dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT recorded_at FROM audit_entry WHERE seq = 3");
                var rs = ps.executeQuery()) {
            rs.next();
            time = rs.getObject(1, java.time.OffsetDateTime.class).toInstant();
        }
        leaf = MerkleHashes.leaf(CanonicalEntry.encode(3, time, TrailFixture.event(99)));
        trail.tamper(
                "UPDATE audit_entry SET request_id = '" + TrailFixture.event(99).requestId()
                        + "', session_ref = '" + TrailFixture.event(99).sessionRef() + "', actor_id = '"
                        + TrailFixture.event(99).actorId() + "', resource_id = '"
                        + TrailFixture.event(99).resourceId()
                        + "', patient_id = '" + TrailFixture.event(99).patientId() + "', outcome = '"
                        + TrailFixture.event(99).outcome() + "', leaf_hash = '\\x"
                        + HexFormat.of().formatHex(leaf)
                        + "'::bytea WHERE seq = 3");
        assertThat(verify()).isEqualTo(1);
        assertThat(stdout())
                .contains("the stored tree does not prove the checkpoint of tree size 30 consistent with the"
                        + " verified checkpoint of tree size 20");
        assertThat(verify("--full")).isEqualTo(1);
        assertThat(stdout()).contains("entries 0..9 do not match the signed checkpoint of tree size 10");
    }

    @Test
    void modifiedFieldsBeforeTheRecordAreLeftToFullVerification() throws Exception {
        verifiedThenGrown();
        trail.tamper("UPDATE audit_entry SET actor_id = 'mallory' WHERE seq = 4");
        assertThat(verify())
                .as("an incremental run reads no entry before its record")
                .isZero();
        assertThat(verify("--full")).isEqualTo(1);
        assertThat(stdout()).startsWith("audit verify: FAILED: first bad sequence number 4");
    }

    @Test
    void deletedEntryJustBeforeTheRecordIsNamed() throws Exception {
        verifiedThenGrown();
        trail.tamper("DELETE FROM audit_entry WHERE seq >= 19");
        assertThat(verify()).isEqualTo(1);
        assertThat(stdout()).contains("entry 19, verified before, is missing (deleted)");
    }

    @Test
    void alteredRecordIsRefused() throws Exception {
        verifiedThenGrown();
        Path record = state.resolve(VerifiedRecord.RECORD_FILE);
        String text = Files.readString(record);
        Files.writeString(record, text.replaceFirst("\n20\n", "\n30\n"));
        assertThat(verify()).isEqualTo(1);
        assertThat(stdout())
                .startsWith("audit verify: FAILED: the record of the last verified checkpoint")
                .contains("its signature does not verify with the verifier's key (altered)");
        assertThat(verify("--full")).as(stdout()).isZero();
        assertThat(verify()).as("the full run wrote a new record").isZero();
    }

    @Test
    void recordOfAnotherLogKeyIsRefused() throws Exception {
        verifiedThenGrown();
        var other = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        Path pem = Files.writeString(
                dir.resolve("other.pem"),
                "-----BEGIN PUBLIC KEY-----\n"
                        + java.util.Base64.getEncoder()
                                .encodeToString(other.getPublic().getEncoded())
                        + "\n-----END PUBLIC KEY-----\n");
        assertThat(verify("--public-key", pem.toString())).isEqualTo(1);
        assertThat(stdout()).contains("it was made for another log key");
    }
}
