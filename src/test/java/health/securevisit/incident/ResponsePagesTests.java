package health.securevisit.incident;

import static org.assertj.core.api.Assertions.assertThat;

import health.securevisit.audit.AuditEvent;
import health.securevisit.audit.AuditIndex;
import health.securevisit.audit.AuditTrail;
import health.securevisit.audit.Outcome;
import health.securevisit.audit.PurposeOfUse;
import health.securevisit.detection.internal.DetectionRunner;
import health.securevisit.support.HeadlessChromium;
import health.securevisit.support.RunningServer;
import health.securevisit.support.TestServers;
import health.securevisit.support.Workforce;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The alert and incident console in headless Chromium: an officer filters alerts, opens one, opens an
 * incident from it, acknowledges a communication step and adds to the timeline. Screenshots (desktop
 * and phone width) go to target/screenshots.
 */
class ResponsePagesTests {

    static ChromeDriver driver;
    final RunningServer server = TestServers.h2();

    @BeforeAll
    static void startChromium() throws Exception {
        driver = HeadlessChromium.start();
    }

    @AfterAll
    static void stopChromium() {
        if (driver != null) {
            driver.quit();
        }
    }

    @Test
    void anOfficerWorksAnAlertIntoAnIncident() throws Exception {
        String name = Workforce.unique("page-officer");
        String password = "browser passphrase " + UUID.randomUUID();
        Workforce.newUser(server, name, password, "SECURITY_OFFICER");
        String secret = Workforce.on(server).firstSignIn(name, password);
        String actor = UUID.randomUUID().toString();
        server.context()
                .getBean(AuditTrail.class)
                .record(AuditEvent.builder("access.break-glass", Outcome.SUCCESS, PurposeOfUse.EMERGENCY)
                        .actor(actor, "CLINICIAN")
                        .patient(UUID.randomUUID().toString())
                        .build());
        server.context().getBean(AuditIndex.class).awaitIndexed();
        server.context().getBean(DetectionRunner.class).catchUp();

        String base = "https://localhost:" + server.port();
        driver.manage().window().setSize(new Dimension(1280, 900));
        driver.get(base + "/login");
        driver.findElement(By.id("username")).sendKeys(name);
        driver.findElement(By.id("password")).sendKeys(password);
        driver.findElement(By.id("sign-in")).click();
        waitForPath("/mfa");
        driver.findElement(By.id("totp-code")).sendKeys(Workforce.nextCode(secret));
        driver.findElement(By.id("verify-totp")).click();
        waitForPath("/account/security");

        driver.get(base + "/console/alerts?kind=break-glass-use&status=OPEN");
        assertThat(driver.getPageSource()).contains(actor).doesNotContain("style=\"");
        shot("alerts");
        driver.findElement(By.xpath("//td[text()='" + actor + "']/..//a")).click();
        waitFor("alert-status");
        shot("alert");
        driver.findElement(By.xpath("//button[text()='Open an incident']")).click();
        waitFor("timeline");
        assertThat(driver.findElement(By.id("timeline")).getText()).contains("opened from alert break-glass-use");
        driver.findElements(By.cssSelector("#communication button")).getFirst().click();
        new WebDriverWait(driver, Duration.ofSeconds(20))
                .until(d -> d.findElement(By.id("communication")).getText().contains("ACKNOWLEDGED"));
        driver.findElement(By.name("note")).sendKeys("paged the privacy officer");
        driver.findElement(By.xpath("//button[text()='Add to timeline']")).click();
        new WebDriverWait(driver, Duration.ofSeconds(20))
                .until(d -> d.findElement(By.id("timeline")).getText().contains("paged the privacy officer"));
        shot("incident");
        driver.manage().window().setSize(new Dimension(390, 844));
        shot("incident-phone");
        driver.manage().window().setSize(new Dimension(1280, 900));
        driver.get(base + "/console/incidents");
        driver.findElement(By.xpath("//button[text()='Start drill']")).click();
        new WebDriverWait(driver, Duration.ofSeconds(20))
                .until(d -> d.findElement(By.id("drills")).getText().contains("compromised-clinician-recordings"));
        shot("incidents");
    }

    static void shot(String name) throws Exception {
        Path dir = Path.of("target/screenshots");
        Files.createDirectories(dir);
        Files.write(dir.resolve(name + ".png"), driver.getScreenshotAs(OutputType.BYTES));
    }

    static void waitFor(String id) {
        new WebDriverWait(driver, Duration.ofSeconds(20))
                .until(d -> !d.findElements(By.id(id)).isEmpty());
    }

    static void waitForPath(String path) {
        new WebDriverWait(driver, Duration.ofSeconds(20))
                .until(d -> d.getCurrentUrl().contains(path));
    }
}
