package health.securevisit.visit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The access, visit and patient modules read time only from the platform's injected {@code Clock}
 * (tests and the decision point then agree on "now"), and hand visit facts to the decision point
 * in the request, not through a request-scoped cache.
 */
class InjectedClockTests {

    private static final List<String> FORBIDDEN = List.of(
            "Clock.systemUTC(",
            "Clock.systemDefaultZone(",
            "Instant.now(",
            "LocalDate.now()",
            "AccessClock",
            "RequestVisitFacts",
            "SCOPE_REQUEST");

    @ParameterizedTest
    @ValueSource(strings = {"access", "visit", "patient", "room"})
    void theModuleReadsNoSystemClockAndNoRequestScopedFacts(String module) throws IOException {
        Path root = Path.of("src/main/java/health/securevisit", module);
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java"))
                    // The join throttle moves to the platform's throttle component.
                    .filter(f -> !f.getFileName().toString().startsWith("JoinThrottle"))
                    .toList()) {
                String source = Files.readString(file);
                for (String forbidden : FORBIDDEN) {
                    assertThat(source).as(file + " uses " + forbidden).doesNotContain(forbidden);
                }
            }
        }
    }
}
