package health.securevisit.hub;

import static health.securevisit.support.Workforce.body;
import static health.securevisit.support.Workforce.expect;
import static health.securevisit.support.Workforce.json;
import static org.assertj.core.api.Assertions.assertThat;

import health.securevisit.support.Clinic;
import health.securevisit.support.HeadlessChromium;
import health.securevisit.support.RunningServer;
import health.securevisit.support.TestServers;
import health.securevisit.support.Workforce;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The care team's remote-monitoring page: self-contained (no inline script or style), and in
 * headless Chromium it shows the alert, the trend, the quarantine, the hub's isolation flag and the
 * daily monitor, on a desktop and on a phone (screenshots in target/screenshots).
 */
class VitalsPagesTests {

    static ChromeDriver driver;
    final RunningServer server = TestServers.h2();

    @TempDir
    Path dir;

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
    void pageIsSelfContainedAndSendsAnonymousVisitorsToLogin() {
        Workforce anonymous = Workforce.on(server);
        HttpResponse<String> redirect = anonymous.get("/care/patients/" + java.util.UUID.randomUUID() + "/vitals");
        assertThat(redirect.statusCode()).isEqualTo(302);
        assertThat(anonymous.get("/js/vitals.js").statusCode()).isEqualTo(200);
        Workforce.Account doc = Workforce.newAccount(server, Workforce.unique("page-doc"), "CLINICIAN");
        HttpResponse<String> page =
                Workforce.on(server).signIn(doc).get("/care/patients/" + java.util.UUID.randomUUID() + "/vitals");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body())
                .contains("<script src=\"/js/vitals.js\" defer></script>", "<label for=\"vitals-days\">")
                .doesNotContain("<script>", "style=", "onclick", "http://", "cdn");
    }

    @Test
    void theClinicianSeesAlertsTrendQuarantineAndTheIsolationFlag() throws Exception {
        Workforce officer = Workforce.on(server)
                .signIn(Workforce.newAccount(server, Workforce.unique("page.officer"), "SECURITY_OFFICER"));
        Workforce staff =
                Workforce.on(server).signIn(Workforce.newAccount(server, Workforce.unique("page.staff"), "STAFF"));
        Workforce.Account doc = Workforce.newAccount(server, Workforce.unique("page.doc"), "CLINICIAN");
        String patient = json(expect(
                        staff.post(
                                "/api/v1/patients",
                                body(
                                        "mrn",
                                        "VP-" + System.nanoTime(),
                                        "fullName",
                                        "Vera Vitals",
                                        "dateOfBirth",
                                        Clinic.DATE_OF_BIRTH)),
                        201))
                .path("id")
                .asString();
        String visit = json(expect(
                        staff.post(
                                "/api/v1/visits",
                                Clinic.newVisit(
                                        patient,
                                        Instant.now().plusSeconds(300).truncatedTo(ChronoUnit.MINUTES),
                                        30,
                                        doc.id())),
                        201))
                .path("id")
                .asString();
        expect(staff.post("/api/v1/visits/" + visit + "/transitions", body("to", "WAITING")), 200);
        expect(
                staff.post(
                        "/api/v1/visits/" + visit + "/identity-verification",
                        body("dataPoints", Map.of("fullName", "Vera Vitals", "dateOfBirth", Clinic.DATE_OF_BIRTH))),
                200);

        HubKit.Hub cellular = HubKit.enrolled(server, officer, patient, "CELLULAR", "310-260", dir);
        HubKit.Hub home = HubKit.enrolled(server, officer, patient, "CELLULAR", "310-410", dir);
        Instant t = Instant.now().minus(Duration.ofMinutes(90));
        String readings = String.join(
                ",",
                VitalsIngestTests.reading("a1", "8867-4", t, "84"),
                VitalsIngestTests.reading("a2", "2708-6", t, "95"),
                VitalsIngestTests.bp("a3", t, 132, 84),
                VitalsIngestTests.reading("a4", "8310-5", t, "37.1"),
                VitalsIngestTests.reading("a5", "29463-7", t, "78.2"),
                VitalsIngestTests.reading("b1", "8867-4", t.plusSeconds(3600), "91"),
                VitalsIngestTests.reading("b2", "2708-6", t.plusSeconds(3600), "88"),
                VitalsIngestTests.reading("b3", "8867-4", t.plusSeconds(3700), "262"));
        assertThat(HubKit.status(HubKit.curl(
                        server,
                        cellular,
                        "/api/v1/hub/observations",
                        VitalsIngestTests.batch("CELLULAR", "310-260", readings))))
                .isEqualTo("200");
        assertThat(HubKit.status(HubKit.curl(
                        server,
                        home,
                        "/api/v1/hub/observations",
                        VitalsIngestTests.batch(
                                "SHARED_HOME", "home-wifi", VitalsIngestTests.reading("c1", "8310-5", t, "37.0")))))
                .isEqualTo("200");

        String base = "https://localhost:" + server.port();
        driver.manage().deleteAllCookies();
        driver.get(base + "/login");
        driver.findElement(By.id("username")).sendKeys(doc.username());
        driver.findElement(By.id("password")).sendKeys(doc.password());
        driver.findElement(By.id("sign-in")).click();
        new WebDriverWait(driver, Duration.ofSeconds(20))
                .until(d -> d.getCurrentUrl().contains("/mfa"));
        driver.findElement(By.id("totp-code")).sendKeys(Workforce.nextCode(doc.totpSecret()));
        driver.findElement(By.id("verify-totp")).click();
        new WebDriverWait(driver, Duration.ofSeconds(20))
                .until(d -> d.getCurrentUrl().contains("/account/security"));

        driver.manage().window().setSize(new Dimension(1280, 1400));
        driver.get(base + "/care/patients/" + patient + "/vitals");
        new WebDriverWait(driver, Duration.ofSeconds(30))
                .until(d ->
                        !d.findElements(By.cssSelector("#vitals-trends .tile")).isEmpty());
        String text = driver.findElement(By.id("vitals")).getText();
        assertThat(text)
                .contains("SpO2 below 90 %")
                .contains("Heart rate")
                .contains("91 /min")
                .contains("132/84 mmHg")
                .contains("Implausible value")
                .contains("Non-compliant: On the shared home network")
                .contains("Isolated");
        Path shots = Files.createDirectories(Path.of("target/screenshots"));
        Files.write(shots.resolve("vitals-desktop.png"), driver.getScreenshotAs(OutputType.BYTES));
        driver.manage().window().setSize(new Dimension(390, 1600));
        Files.write(shots.resolve("vitals-phone.png"), driver.getScreenshotAs(OutputType.BYTES));
        Long overflow = (Long) driver.executeScript(
                "return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
        assertThat(overflow).as("no sideways scrolling on a phone").isLessThanOrEqualTo(0L);
    }
}
