package health.securevisit.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import health.securevisit.support.ChildProcess;
import health.securevisit.support.RunningServer;
import health.securevisit.support.TestServers;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Logs are JSON lines with a request id, and never carry bodies, query strings or credentials. */
@ExtendWith(OutputCaptureExtension.class)
class LoggingTests {

    static final JsonMapper JSON = JsonMapper.builder().build();
    final RunningServer server = TestServers.h2();

    @Test
    void requestsAreLoggedAsJsonWithTheirRequestIdAndNothingSensitive(CapturedOutput output) throws Exception {
        String requestId = "test-request-0123456789"; // the client's: logged as correlationId only
        List<String> secrets = List.of("SECRET-QUERY-42", "SECRET-BODY-43", "SECRET-COOKIE-44", "SECRET-AUTH-45");
        server.send(
                HttpRequest.newBuilder(server.uri("/api/v1/csp-reports?token=SECRET-QUERY-42"))
                        .header("Content-Type", "application/json")
                        .header("Cookie", "SESSION=SECRET-COOKIE-44")
                        .header("Authorization", "Bearer SECRET-AUTH-45")
                        .header("X-Request-Id", requestId)
                        .POST(
                                BodyPublishers.ofString(
                                        "{\"csp-report\":{\"effective-directive\":\"img-src\",\"blocked-uri\":\"https://evil.example/SECRET-BODY-43?x=1\"}}")));
        server.send(HttpRequest.newBuilder(server.uri("/api/v1/patients?name=SECRET-QUERY-42"))
                .header("Authorization", "Basic U0VDUkVULUFVVEgtNDU=")
                .header("Cookie", "SESSION=SECRET-COOKIE-44")
                .header("X-Request-Id", requestId + "-2")
                .GET());
        server.send(HttpRequest.newBuilder(server.uri("/api/v1/csp-reports?q=SECRET-QUERY-42"))
                .header("Content-Type", "application/json")
                .header("X-Request-Id", requestId + "-3")
                .POST(BodyPublishers.ofString("{broken SECRET-BODY-43")));

        // Lines reach the console from the logging thread: wait for the last request's access line.
        await().atMost(Duration.ofSeconds(10))
                .until(() -> output.getAll().contains("\"correlationId\":\"" + requestId + "-3\""));
        String log = output.getAll();
        for (String secret : secrets) {
            assertThat(log).doesNotContain(secret);
        }
        assertThat(log).doesNotContain("U0VDUkVULUFVVEgtNDU=");

        List<JsonNode> lines =
                log.lines().filter(l -> l.startsWith("{")).map(JSON::readTree).toList();
        assertThat(lines).isNotEmpty();
        assertThat(lines).allSatisfy(line -> {
            assertThat(line.has("requestId")).isTrue();
            assertThat(line.has("time")).isTrue();
            assertThat(line.has("level")).isTrue();
        });
        assertThat(lines)
                .noneSatisfy(
                        line -> assertThat(line.path("requestId").asString()).startsWith(requestId));
        JsonNode access = lines.stream()
                .filter(l -> l.path("correlationId").asString().equals(requestId))
                .filter(l -> l.path("logger").asString().equals("securevisit.access"))
                .findFirst()
                .orElseThrow();
        assertThat(access.path("message").asString())
                .isEqualTo("POST /api/v1/csp-reports 204 "
                        + access.path("message").asString().replaceAll(".* (\\d+ms)$", "$1"));
        assertThat(access.path("requestId").asString()).matches("[0-9a-f]{24}");
        JsonNode violation = lines.stream()
                .filter(l -> l.path("correlationId").asString().equals(requestId))
                .filter(l -> l.path("message").asString().startsWith("CSP violation"))
                .findFirst()
                .orElseThrow();
        assertThat(violation.path("message").asString())
                .isEqualTo("CSP violation: directive=img-src blocked=https://evil.example");
    }

    @Test
    void theRequestIdIsTheServersAndOnlyAWellFormedCorrelationIdIsLogged(CapturedOutput output) throws Exception {
        var kept = server.send(HttpRequest.newBuilder(server.uri("/api/v1/health"))
                .header("X-Request-Id", "client-chosen-id-0001")
                .header("X-Correlation-Id", "client-correlation-0001")
                .GET());
        String serverId = kept.headers().firstValue("X-Request-Id").orElseThrow();
        assertThat(serverId).matches("[0-9a-f]{24}");
        for (String forged :
                List.of("short", "-leading-hyphen-01", "with space in-it-0001", "x".repeat(65), "ab\u00e9cdefghij")) {
            server.send(HttpRequest.newBuilder(server.uri("/api/v1/health"))
                    .header("X-Correlation-Id", forged)
                    .GET());
        }
        await().atMost(Duration.ofSeconds(10))
                .until(() -> output.getAll().contains("\"requestId\":\"" + serverId + "\""));
        List<JsonNode> lines = output.getAll()
                .lines()
                .filter(l -> l.startsWith("{"))
                .map(JSON::readTree)
                .toList();
        JsonNode access = lines.stream()
                .filter(l -> l.path("requestId").asString().equals(serverId))
                .findFirst()
                .orElseThrow();
        assertThat(access.path("correlationId").asString()).isEqualTo("client-correlation-0001");
        assertThat(output.getAll()).doesNotContain("client-chosen-id-0001");
        // Sent but malformed: dropped, never logged.
        await().atMost(Duration.ofSeconds(10))
                .until(() -> output.getAll()
                                .lines()
                                .filter(l -> l.contains("GET /api/v1/health 200"))
                                .count()
                        >= 6);
        assertThat(output.getAll())
                .doesNotContain("leading-hyphen")
                .doesNotContain("with space")
                .doesNotContain("x".repeat(65));
    }

    @Test
    void textFormatCarriesTheRequestIdToo(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("server.log");
        Process process = ChildProcess.start(
                Map.of(
                        "SECUREVISIT_DATA_DIR", tmp.resolve("data").toString(),
                        "SECUREVISIT_PORT", Integer.toString(freePort()),
                        "SECUREVISIT_LOG_FORMAT", "text"),
                out);
        try {
            String port = awaitStarted(out);
            RunningServer.Client client = RunningServer.client(tmp.resolve("data/tls/server.crt"));
            var response = client.get(
                    "https://localhost:" + port + "/api/v1/health?token=SECRET-TEXT-46",
                    Map.of("X-Request-Id", "text-format-request-1"));
            assertThat(response.statusCode()).isEqualTo(200);
            String log = awaitContains(out, "text-format-request-1");
            String line = log.lines()
                    .filter(l -> l.contains(" text-format-request-1]"))
                    .findFirst()
                    .orElseThrow();
            assertThat(line).contains("INFO").contains("securevisit.access").contains("GET /api/v1/health 200");
            assertThat(log).doesNotContain("SECRET-TEXT-46");
            assertThat(log.lines().filter(l -> l.startsWith("{"))).isEmpty();
            // A burst, then a stop at once: the lines still queued for the console are written before exit.
            int burst = 300;
            for (int i = 0; i < burst; i++) {
                client.get(
                        "https://localhost:" + port + "/api/v1/health",
                        Map.of("X-Request-Id", "burst-%03d".formatted(i)));
            }
            process.destroy();
            assertThat(process.waitFor(20, TimeUnit.SECONDS)).isTrue();
            assertThat(Files.readString(out)
                            .lines()
                            .filter(l -> l.contains(" burst-"))
                            .map(l -> l.replaceAll(".* (burst-\\d+)\\].*", "$1")))
                    .containsExactlyElementsOf(IntStream.range(0, burst)
                            .mapToObj("burst-%03d"::formatted)
                            .toList());
        } finally {
            process.destroy();
            process.waitFor(20, TimeUnit.SECONDS);
        }
    }

    static int freePort() throws Exception {
        try (var s = new java.net.ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    static String awaitStarted(Path log) throws Exception {
        String content = awaitContains(log, "Tomcat started on port");
        return content.replaceAll("(?s).*Tomcat started on ports? (\\d+).*", "$1");
    }

    static String awaitContains(Path log, String needle) throws Exception {
        for (int i = 0; i < 600; i++) {
            String content = Files.exists(log) ? Files.readString(log) : "";
            if (content.contains(needle)) {
                return content;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("log never contained '" + needle + "': " + Files.readString(log));
    }
}
