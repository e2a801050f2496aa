package health.securevisit.records;

import static health.securevisit.support.Workforce.body;
import static health.securevisit.support.Workforce.expect;
import static org.assertj.core.api.Assertions.assertThat;

import health.securevisit.audit.AuditEvent;
import health.securevisit.support.CapturedAuditEvents;
import health.securevisit.support.HeadlessChromium;
import health.securevisit.support.RunningServer;
import health.securevisit.support.TestServers;
import health.securevisit.support.Workforce;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedCondition;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The clinician's records panel in one headless Chromium with a fake camera and microphone: consent,
 * a 10-second recording uploaded in chunks, playback from an offset in another page (range requests,
 * audited with the artifact id), a screenshot, and a withdrawal of consent that stops a running
 * recording. (The two-browser variant, patient and clinician, waits for the visit room.)
 */
class RecordingBrowserTests {

    static ChromeDriver driver;
    final RunningServer server = TestServers.h2();

    @BeforeAll
    static void startChromium() throws IOException {
        driver = HeadlessChromium.start(
                "--use-fake-device-for-media-stream",
                "--use-fake-ui-for-media-stream",
                "--autoplay-policy=no-user-gesture-required");
    }

    @AfterAll
    static void stopChromium() {
        if (driver != null) {
            driver.quit();
        }
    }

    @Test
    void recordsUploadsPlaysFromAnOffsetTakesAScreenshotAndStopsOnWithdrawal() throws IOException {
        RecordingFixture fx = RecordingFixture.on(server);
        String base = "https://localhost:" + server.port();
        signIn(base, fx.clinic().doctor());
        driver.get(base + "/visits/" + fx.visit());
        wait(ExpectedConditions.visibilityOfElementLocated(By.id("records")), 20);

        button("Patient agrees to recording").click();
        wait(ExpectedConditions.textToBe(By.id("consent-recording"), "GIVEN"), 10);
        driver.findElement(By.id("rec-start")).click();
        wait(ExpectedConditions.textToBePresentInElementLocated(By.id("rec-status"), "Recording"), 20);
        sleep(Duration.ofSeconds(10));
        driver.findElement(By.id("rec-stop")).click();
        wait(ExpectedConditions.textToBePresentInElementLocated(By.id("rec-status"), "Recording stored"), 60);
        driver.findElement(By.id("rec-screenshot")).click();
        wait(ExpectedConditions.textToBePresentInElementLocated(By.id("rec-status"), "Screenshot stored"), 20);
        wait(d -> d.findElements(By.cssSelector("#artifacts tbody tr")).size() == 2, 10);
        Files.write(Path.of("target/records-visit-panel.png"), driver.getScreenshotAs(OutputType.BYTES));
        List<WebElement> rows = driver.findElements(By.cssSelector("#artifacts tbody tr"));
        assertThat(rows)
                .extracting(WebElement::getText)
                .anyMatch(t -> t.startsWith("RECORDING COMPLETE"))
                .anyMatch(t -> t.startsWith("SCREENSHOT COMPLETE"));
        String recording = rows.stream()
                .filter(r -> r.getText().startsWith("RECORDING"))
                .findFirst()
                .orElseThrow()
                .getAttribute("data-id");

        // Playback from 5 s in, in another page.
        String visitPage = driver.getWindowHandle();
        driver.switchTo().newWindow(WindowType.TAB);
        driver.get(base + "/visits/" + fx.visit() + "/artifacts/" + recording + "?t=5");
        wait(
                d -> Boolean.TRUE.equals(
                        driver.executeScript(
                                "const v = document.getElementById('player'); return v.readyState >= 1 && v.currentTime >= 5;")),
                30);
        Files.write(Path.of("target/records-playback.png"), driver.getScreenshotAs(OutputType.BYTES));
        List<AuditEvent> ranges = server.context()
                .getBean(CapturedAuditEvents.class)
                .matching(e -> recording.equals(e.resourceId()) && e.action().equals("records.artifact.range"));
        assertThat(ranges).isNotEmpty();
        driver.close();
        driver.switchTo().window(visitPage);

        // A running recording stops as soon as the consent is withdrawn elsewhere (the page polls).
        driver.findElement(By.id("rec-start")).click();
        wait(ExpectedConditions.textToBePresentInElementLocated(By.id("rec-status"), "Recording"), 20);
        sleep(Duration.ofSeconds(2));
        expect(
                fx.doctor()
                        .post(
                                "/api/v1/visits/" + fx.visit() + "/consents",
                                body("kind", "RECORDING", "answer", "WITHDRAWN")),
                201);
        wait(ExpectedConditions.textToBePresentInElementLocated(By.id("rec-status"), "withdrew recording consent"), 10);
        assertThat(driver.findElement(By.id("rec-start")).isDisplayed()).isTrue();
        assertThat(driver.findElement(By.id("consent-recording")).getText()).isEqualTo("WITHDRAWN");
    }

    private static WebElement button(String text) {
        return driver.findElements(By.tagName("button")).stream()
                .filter(b -> b.getText().equals(text))
                .findFirst()
                .orElseThrow();
    }

    private static void signIn(String base, Workforce.Account account) {
        driver.get(base + "/login");
        driver.manage().deleteAllCookies();
        driver.get(base + "/login");
        driver.findElement(By.id("username")).sendKeys(account.username());
        driver.findElement(By.id("password")).sendKeys(account.password());
        driver.findElement(By.id("sign-in")).click();
        wait(ExpectedConditions.visibilityOfElementLocated(By.id("totp-code")), 15);
        driver.findElement(By.id("totp-code")).sendKeys(Workforce.nextCode(account.totpSecret()));
        driver.findElement(By.id("verify-totp")).click();
        wait(ExpectedConditions.urlContains("/account/security"), 15);
    }

    private static <T> T wait(ExpectedCondition<T> condition, int seconds) {
        return new WebDriverWait(driver, Duration.ofSeconds(seconds)).until(condition);
    }

    private static void sleep(Duration d) {
        Workforce.sleep(d);
    }
}
