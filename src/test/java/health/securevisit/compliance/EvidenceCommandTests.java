package health.securevisit.compliance;

import static org.assertj.core.api.Assertions.assertThat;

import health.securevisit.support.ChildProcess;
import health.securevisit.support.ChildProcess.Result;
import health.securevisit.support.RunningServer;
import health.securevisit.support.TestServers;
import health.securevisit.support.Workforce;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code securevisit evidence export|verify} in child JVMs, the way an operator runs them. */
class EvidenceCommandTests {

    @TempDir
    Path tmp;

    @Test
    void exportOnARunningServerPointsToTheApiInOneLine() throws Exception {
        Result r = ChildProcess.run(
                Map.of("SECUREVISIT_DATA_DIR", TestServers.h2().dataDir().toString()),
                "evidence",
                "export",
                tmp.resolve("bundle.zip").toString());
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.stderrLines())
                .singleElement()
                .asString()
                .contains("a SecureVisit server is running on")
                .contains("GET /api/v1/compliance/evidence-bundle");
        assertThat(tmp.resolve("bundle.zip")).doesNotExist();
    }

    @Test
    void exportOfAStoppedInstallationVerifiesWithItsPublishedKey() throws Exception {
        RunningServer server = RunningServer.start(Map.of());
        Path dataDir = server.dataDir();
        Workforce.newAccount(server, Workforce.unique("officer"), "SECURITY_OFFICER");
        Path key = Files.copy(dataDir.resolve("audit/checkpoint-key.pem"), tmp.resolve("key.pem"));
        server.close();

        Path bundle = tmp.resolve("evidence.zip");
        Result export = ChildProcess.run(
                Map.of("SECUREVISIT_DATA_DIR", dataDir.toString()), "evidence", "export", bundle.toString());
        assertThat(export.exitCode()).as(export.stderr()).isZero();
        assertThat(export.stdout())
                .contains("evidence export: " + bundle + " written:")
                .contains("no evidence");
        assertThat(bundle).exists();

        Result verified =
                ChildProcess.run(Map.of(), "evidence", "verify", bundle.toString(), "--public-key", key.toString());
        assertThat(verified.exitCode()).as(verified.stderr()).isZero();
        assertThat(verified.stdout()).contains("intact");

        byte[] bytes = Files.readAllBytes(bundle);
        bytes[bytes.length / 3] ^= 0x01; // one byte flipped somewhere in the zip itself
        Path flipped = Files.write(tmp.resolve("flipped.zip"), bytes);
        Result tampered =
                ChildProcess.run(Map.of(), "evidence", "verify", flipped.toString(), "--public-key", key.toString());
        assertThat(tampered.exitCode()).isEqualTo(1);
        assertThat(tampered.stderr()).containsAnyOf(": changed", ": missing", "does not verify", "not a readable zip");

        Result usage = ChildProcess.run(Map.of(), "evidence", "verify", bundle.toString());
        assertThat(usage.exitCode()).isEqualTo(2);
    }
}
