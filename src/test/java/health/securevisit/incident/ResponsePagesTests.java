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
import java.time.LocalDate;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.FluentWait;
import org.openqa.selenium.support.ui.Select;
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
        page().until(d -> d.findElement(By.id("communication")).getText().contains("ACKNOWLEDGED"));
        driver.findElement(By.name("note")).sendKeys("paged the privacy officer");
        driver.findElement(By.xpath("//button[text()='Add to timeline']")).click();
        page().until(d -> d.findElement(By.id("timeline")).getText().contains("paged the privacy officer"));

        // the breach assessment form: 600 affected, 501 in IL, one factor rated, the rest presumed
        LocalDate discovered = LocalDate.now(java.time.ZoneOffset.UTC).minusDays(1);
        ((JavascriptExecutor) driver)
                .executeScript(
                        "document.querySelector('#assessment [name=discovered]').value = arguments[0]",
                        discovered.toString());
        WebElement affected = driver.findElement(By.cssSelector("#assessment [name=affected]"));
        affected.clear();
        affected.sendKeys("600");
        driver.findElements(By.cssSelector("#assessment [name=state]"))
                .getFirst()
                .sendKeys("IL");
        driver.findElements(By.cssSelector("#assessment [name=count]"))
                .getFirst()
                .sendKeys("501");
        new Select(driver.findElement(By.name("natureAndExtent"))).selectByValue("HIGH");
        driver.findElement(By.xpath("//button[text()='Assess']")).click();
        waitFor("clocks");
        assertThat(driver.findElement(By.id("clocks")).getText())
                .contains("INDIVIDUALS", "HHS_WITH_INDIVIDUALS", "MEDIA");
        assertThat(driver.findElement(By.id("earliest")).getText())
                .contains(discovered.plusDays(60).toString());
        shot("incident");
        driver.manage().window().setSize(new Dimension(390, 844));
        shot("incident-phone");
        driver.manage().window().setSize(new Dimension(1280, 900));
        driver.findElement(By.name("closingNote")).sendKeys("contained, notices drafted");
        driver.findElement(By.xpath("//button[text()='Close the incident']")).click();
        page().until(d -> d.findElement(By.id("timeline")).getText().contains("contained, notices drafted"));
        assertThat(driver.findElements(By.id("close"))).isEmpty();
        driver.get(base + "/console/incidents");
        driver.findElement(By.xpath("//button[text()='Start drill']")).click();
        page().until(d -> d.findElement(By.id("drills")).getText().contains("compromised-clinician-recordings"));
        shot("incidents");
    }

    /** Waits up to 20 s, looking again when the page was replaced under an element (after a redirect). */
    static FluentWait<WebDriver> page() {
        return new WebDriverWait(driver, Duration.ofSeconds(20)).ignoring(StaleElementReferenceException.class);
    }

    static void shot(String name) throws Exception {
        Path dir = Path.of("target/screenshots");
        Files.createDirectories(dir);
        Files.write(dir.resolve(name + ".png"), driver.getScreenshotAs(OutputType.BYTES));
    }

    static void waitFor(String id) {
        page().until(d -> !d.findElements(By.id(id)).isEmpty());
    }

    static void waitForPath(String path) {
        page().until(d -> d.getCurrentUrl().contains(path));
    }
}
