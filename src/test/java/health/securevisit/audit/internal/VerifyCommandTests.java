package health.securevisit.audit.internal;

import static org.assertj.core.api.Assertions.assertThat;

import health.securevisit.platform.internal.DatabaseTarget;
import health.securevisit.support.ChildProcess;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code securevisit audit verify}: exit status and output on intact and tampered trails. */
class VerifyCommandTests {

    @TempDir
    Path dir;

    TrailFixture trail;
    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @AfterEach
    void close() {
        if (trail != null) {
            trail.close();
        }
    }

    TrailFixture twentyEntries(String vendor) {
        trail = TrailFixture.of(vendor, dir);
        trail.recordRange(0, 10);
        trail.checkpointer.checkpointNow();
        trail.recordRange(10, 20);
        trail.checkpointer.checkpointNow();
        if (vendor.equals("h2")) {
            trail.writer.stop();
            trail.dataSource.close(); // H2 allows one process; the command runs as if the server were stopped
        }
        return trail;
    }

    int verify(String... extra) {
        List<String> args = new ArrayList<>(trail.cliArgs());
        args.addAll(List.of(extra));
        return VerifyCommand.run(
                args,
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    String stdout() {
        return out.toString(StandardCharsets.UTF_8);
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void intactTrailExitsZeroWithASummary(String vendor) {
        twentyEntries(vendor);
        assertThat(verify()).as(err.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(stdout())
                .startsWith("audit verify: OK")
                .contains("entries: 20, checkpoints verified: 2 (latest tree size 20");
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void modifiedEntryExitsOneNamingIt(String vendor) throws Exception {
        twentyEntries(vendor);
        if (vendor.equals("postgresql")) {
            trail.tamper("UPDATE audit_entry SET purpose = 'EMERGENCY' WHERE seq = 13");
        } else {
            try (var c = java.sql.DriverManager.getConnection(
                            "jdbc:h2:file:" + dir.resolve("db/securevisit") + DatabaseTarget.H2_OPTIONS, "sa", "");
                    var s = c.createStatement()) {
                s.execute("DROP TRIGGER audit_entry_append_only");
                s.execute("UPDATE audit_entry SET purpose = 'EMERGENCY' WHERE seq = 13");
            }
        }
        assertThat(verify()).isEqualTo(1);
        assertThat(stdout()).startsWith("audit verify: FAILED: first bad sequence number 13");
    }

    @Test
    void outsidePartyVerifiesWithTheirKeptCheckpointsAndThePemKey() throws Exception {
        twentyEntries("postgresql");
        Path pem = Files.writeString(dir.resolve("published.pem"), trail.signer.publicKeyPem());
        Path kept = dir.resolve("audit").resolve(Publication.CHECKPOINTS);
        assertThat(verify("--public-key", pem.toString(), "--checkpoints", kept.toString()))
                .isZero();
        assertThat(stdout()).contains("checkpoints verified: 2");
    }

    @Test
    void anotherKeyFailsEveryCheckpoint() throws Exception {
        twentyEntries("postgresql");
        var other = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        Path pem = Files.writeString(
                dir.resolve("other.pem"),
                "-----BEGIN PUBLIC KEY-----\n"
                        + Base64.getEncoder().encodeToString(other.getPublic().getEncoded())
                        + "\n-----END PUBLIC KEY-----\n");
        assertThat(verify("--public-key", pem.toString())).isEqualTo(1);
        assertThat(stdout())
                .contains("checkpoint of tree size 10: the signature does not verify")
                .contains("checkpoint of tree size 20: the signature does not verify");
    }

    @Test
    void missingKeyIsOneLineAndExitThree() {
        twentyEntries("postgresql");
        assertThat(verify("--public-key", dir.resolve("nope.pem").toString())).isEqualTo(3);
        assertThat(err.toString(StandardCharsets.UTF_8).lines().toList())
                .singleElement()
                .asString()
                .contains("no public key at");
    }

    @Test
    void tamperedPostgresTrailFailsThroughTheRealCommandLine() throws Exception {
        twentyEntries("postgresql").tamper("DELETE FROM audit_entry WHERE seq = 4");
        List<String> args = new ArrayList<>(List.of("audit", "verify"));
        args.addAll(trail.cliArgs());
        ChildProcess.Result r = ChildProcess.run(Map.of(), args.toArray(String[]::new));
        assertThat(r.exitCode()).as(r.stderr()).isEqualTo(1);
        assertThat(r.stdout()).startsWith("audit verify: FAILED: first bad sequence number 4");
    }

    @Test
    void embeddedDatabaseInUseByAServerIsOneClearLine() throws Exception {
        trail = TrailFixture.h2(dir);
        trail.recordRange(0, 3);
        ChildProcess.Result r = ChildProcess.run(Map.of("SECUREVISIT_DATA_DIR", dir.toString()), "audit", "verify");
        assertThat(r.exitCode()).isEqualTo(3);
        assertThat(r.stderrLines())
                .singleElement()
                .asString()
                .startsWith("securevisit: audit verify: the embedded H2 database in")
                .contains("is in use by a running server");
    }
}
