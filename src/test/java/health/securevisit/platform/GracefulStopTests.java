package health.securevisit.platform;

import static org.assertj.core.api.Assertions.assertThat;

import health.securevisit.support.ChildProcess;
import health.securevisit.support.RunningServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A stop by signal (what an operator's {@code kill} or a service manager does) on the embedded
 * database: the database stays open until the application has stopped, so the last audit
 * checkpoint is signed and nothing fails on the way out. H2 closes a database in its own JVM
 * shutdown hook unless told not to; that hook used to run beside Spring's and close the database
 * under the stopping application.
 */
class GracefulStopTests {

    @Test
    void aStopBySignalSignsTheLastCheckpointAndLogsNoFailure(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("server.log");
        Path data = tmp.resolve("data");
        Process process = ChildProcess.start(
                Map.of(
                        "SECUREVISIT_DATA_DIR", data.toString(),
                        "SECUREVISIT_PORT", Integer.toString(LoggingTests.freePort())),
                out);
        try {
            String port = LoggingTests.awaitStarted(out);
            RunningServer.Client client = RunningServer.client(data.resolve("tls/server.crt"));
            assertThat(client.get("https://localhost:" + port + "/api/v1/health", Map.of())
                            .statusCode())
                    .isEqualTo(200);
            process.destroy(); // SIGTERM
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        } finally {
            process.destroy();
            process.waitFor(20, TimeUnit.SECONDS);
        }
        String log = Files.readString(out);
        assertThat(log).contains("Commencing graceful shutdown").contains("Graceful shutdown complete");
        String stopping = log.substring(log.indexOf("Commencing graceful shutdown"));
        // Before the fix: "cannot sign an audit checkpoint: AuditUnavailableException" (the database was
        // closed) and a failed destroy method of the event publication registry (no JDBC connection).
        assertThat(stopping.lines().filter(l -> l.contains("\"level\":\"ERROR\"") || l.contains("\"level\":\"WARN\"")))
                .isEmpty();
    }
}
