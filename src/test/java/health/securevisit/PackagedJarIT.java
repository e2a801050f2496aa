package health.securevisit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import health.securevisit.support.RunningServer;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged server (runs after {@code package}): what target/securevisit.jar ships, and that
 * {@code ./securevisit serve} starts with the start-up cache the build made, and without it when
 * the cache cannot be used.
 */
class PackagedJarIT {

    static final Path JAR = Path.of(System.getProperty("securevisit.jar", "target/securevisit.jar"));
    static final Path AOT = Path.of(System.getProperty("securevisit.aot.dir", "target/aot"));
    static final Duration START_LIMIT = Duration.ofSeconds(180);

    /** Test, build-time and validation-only libraries that must stay out of the runtime jar. */
    static final List<String> LEFT_OUT = List.of(
            "archunit-",
            "spring-modulith-core-",
            "jena-",
            "Saxon-HE-",
            "xmlresolver-",
            "icu4j-",
            "hapi-fhir-validation",
            "org.hl7.fhir.validation-",
            "junit-",
            "assertj-",
            "mockito-",
            "selenium-");

    @TempDir
    Path dir;

    @Test
    void runtimeJarLeavesOutTestAndValidationLibraries() throws IOException {
        List<String> libraries;
        try (JarFile jar = new JarFile(JAR.toFile())) {
            libraries = jar.stream()
                    .map(ZipEntry::getName)
                    .filter(n -> n.startsWith("BOOT-INF/lib/") && n.endsWith(".jar"))
                    .map(n -> n.substring("BOOT-INF/lib/".length()))
                    .toList();
        }
        assertThat(libraries)
                .as("the FHIR export's libraries")
                .anyMatch(n -> n.startsWith("hapi-fhir-structures-r4-"))
                .anyMatch(n -> n.startsWith("org.hl7.fhir.r4-"));
        for (String prefix : LEFT_OUT) {
            assertThat(libraries).as(prefix).noneMatch(n -> n.startsWith(prefix));
        }
        // Cluster mode's Redis client (Lettuce, Netty, Reactor, Spring Data Redis, Spring Session) adds
        // about 10 MB to the runtime libraries; anything beyond this budget is a new dependency to justify.
        assertThat(Files.size(JAR)).isLessThan(105L << 20);
    }

    @Test
    void fhirAuditExportRunsOnTheRuntimeJarAlone() throws Exception {
        // The probe class comes from test-classes; everything it uses from the jar's BOOT-INF.
        Path out = dir.resolve("probe.txt");
        Process probe = new ProcessBuilder(
                        java(),
                        "-cp",
                        JAR.toString(),
                        "-Dloader.path=" + Path.of("target/test-classes").toAbsolutePath(),
                        "-Dloader.main=health.securevisit.audit.internal.FhirExportProbe",
                        "org.springframework.boot.loader.launch.PropertiesLauncher")
                .redirectErrorStream(true)
                .redirectOutput(out.toFile())
                .start();
        assertThat(probe.waitFor(120, TimeUnit.SECONDS)).isTrue();
        String output = Files.readString(out);
        assertThat(probe.exitValue()).as(output).isZero();
        assertThat(output)
                .contains("\"resourceType\":\"AuditEvent\"")
                .contains("sv-audit-42")
                .doesNotContain("NoClassDefFoundError");
    }

    @Test
    void serveStartsWithTheStartUpCache() throws Exception {
        // The build makes the cache on JDK 25+ only (profile aot-cache); there it must exist.
        assumeThat(Runtime.version().feature())
                .as("the start-up cache needs JDK 25+")
                .isGreaterThanOrEqualTo(25);
        assertThat(AOT.resolve("securevisit.aot"))
                .as("the cache made by package")
                .exists();
        // AOTMode=on makes the JVM refuse to start when the cache cannot be used.
        Launch launch = launch(Map.of("SECUREVISIT_JAVA_OPTS", "-XX:AOTMode=on"));
        assertThat(launch.health().statusCode()).isEqualTo(200);
    }

    @Test
    void serveStartsWithoutACacheItCannotUse() throws Exception {
        // The build makes the cache on JDK 25+ only (profile aot-cache); there it must exist.
        assumeThat(Runtime.version().feature())
                .as("the start-up cache needs JDK 25+")
                .isGreaterThanOrEqualTo(25);
        assertThat(AOT.resolve("securevisit.aot"))
                .as("the cache made by package")
                .exists();
        Path foreign = dir.resolve("foreign.aot");
        Files.write(foreign, "not a cache made by this JDK".repeat(4096).getBytes(StandardCharsets.US_ASCII));
        Launch launch = launch(Map.of("SECUREVISIT_AOT_CACHE", foreign.toString()));
        assertThat(launch.health().statusCode()).isEqualTo(200);
        assertThat(launch.log()).contains("[warning][aot]");
    }

    record Launch(HttpResponse<String> health, String log) {}

    private Launch launch(Map<String, String> env) throws Exception {
        Path data = Files.createDirectory(dir.resolve("data"));
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        ProcessBuilder builder = new ProcessBuilder(
                        Path.of("securevisit").toAbsolutePath().toString(), "serve")
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("server.log").toFile());
        builder.environment().keySet().removeIf(k -> k.startsWith("SECUREVISIT_"));
        builder.environment().putAll(env);
        builder.environment().put("SECUREVISIT_DATA_DIR", data.toString());
        builder.environment().put("SECUREVISIT_PORT", Integer.toString(port));
        builder.environment().put("SECUREVISIT_KEYS_WARMUP", "0");
        builder.environment().put("SECUREVISIT_HUB_PORT", "0");
        Process server = builder.start();
        try {
            Instant deadline = Instant.now().plus(START_LIMIT);
            while (Instant.now().isBefore(deadline)) {
                assertThat(server.isAlive()).as(() -> log()).isTrue();
                Path cert = data.resolve("tls/server.crt");
                if (Files.isRegularFile(cert)) {
                    try {
                        HttpResponse<String> health = RunningServer.client(cert)
                                .send(HttpRequest.newBuilder(
                                        URI.create("https://localhost:" + port + "/api/v1/health")));
                        return new Launch(health, log());
                    } catch (RuntimeException notYet) {
                        // not listening yet
                    }
                }
                Thread.sleep(200);
            }
            throw new AssertionError("no health answer within " + START_LIMIT + ": " + log());
        } finally {
            server.destroy();
            server.waitFor(60, TimeUnit.SECONDS);
        }
    }

    private String log() {
        try {
            return Files.readString(dir.resolve("server.log"));
        } catch (IOException e) {
            return e.toString();
        }
    }

    private static String java() {
        return ProcessHandle.current().info().command().orElse("java");
    }
}
