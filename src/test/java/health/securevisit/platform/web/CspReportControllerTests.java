package health.securevisit.platform.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import health.securevisit.platform.internal.TestThrottles;
import health.securevisit.support.MovableClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** CSP reports are logged through the platform throttle: at most 20 lines a minute, then again. */
@ExtendWith(OutputCaptureExtension.class)
class CspReportControllerTests {

    static final CspReportController.CspReport REPORT = new CspReportController.CspReport(
            new CspReportController.Violation("img-src", null, "https://a.example/some/path?q=1"));

    @Test
    void logsAtMostTwentyLinesAMinuteAndAgainInTheNext(CapturedOutput output) {
        MovableClock clock = new MovableClock();
        CspReportController controller = new CspReportController(TestThrottles.memory(clock));
        for (int i = 0; i < 30; i++) {
            assertThat(controller.report(REPORT).getStatusCode().value()).isEqualTo(204);
        }
        clock.advance(Duration.ofSeconds(61));
        controller.report(new CspReportController.CspReport(
                new CspReportController.Violation("font-src", null, "https://b.example/")));
        // The console is written by the logging thread, in order: once the next minute's line is out,
        // every line of the first minute is too.
        await().atMost(Duration.ofSeconds(10)).until(() -> violations(output, "font-src") == 1);
        assertThat(violations(output, "img-src")).isEqualTo(20);
        assertThat(output.getAll()).contains("blocked=https://a.example").doesNotContain("/some/path");
    }

    private static long violations(CapturedOutput output, String directive) {
        return output.getAll()
                .lines()
                .filter(l -> l.contains("CSP violation: directive=" + directive))
                .count();
    }
}
