package health.securevisit.visit;

import static health.securevisit.support.Workforce.expect;
import static health.securevisit.support.Workforce.json;
import static org.assertj.core.api.Assertions.assertThat;

import health.securevisit.patient.PatientRecord;
import health.securevisit.support.CapturedAuditEvents;
import health.securevisit.support.HeadlessChromium;
import health.securevisit.support.RunningServer;
import health.securevisit.support.TestServers;
import health.securevisit.support.Workforce;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import tools.jackson.databind.JsonNode;

/** The visit pages in Debian's headless Chromium: their scripts drive the JSON API. */
class VisitPagesTests {

    static ChromeDriver driver;

    final RunningServer server = TestServers.h2();
    final VisitFixture fx = VisitFixture.of(server);
    String base;

    @BeforeAll
    static void startChromium() throws java.io.IOException {
        driver = HeadlessChromium.start();
    }

    @AfterAll
    static void stopChromium() {
        if (driver != null) {
            driver.quit();
        }
    }

    @BeforeEach
    void freshBrowser() {
        base = "https://localhost:" + server.port();
        driver.get(base + "/login");
        driver.manage().deleteAllCookies();
    }

    @Test
    void pagesAreSelfContainedAndWorkforcePagesSendAnonymousVisitorsToLogin() {
        Workforce anonymous = Workforce.on(server);
        for (String page : new String[] {"/staff/visits/new", "/clinician/schedule", "/visits/" + UUID.randomUUID()}) {
            HttpResponse<String> response = anonymous.get(page);
            assertThat(response.statusCode()).as(page).isEqualTo(302);
            assertThat(response.headers().firstValue("Location").orElseThrow()).endsWith("/login");
        }
        HttpResponse<String> join = anonymous.get("/join");
        assertThat(join.statusCode()).isEqualTo(200);
        assertThat(join.headers().firstValue("Content-Security-Policy").orElseThrow())
                .contains("script-src 'self'");
        assertThat(join.body())
                .contains("<script src=\"/js/visit-join.js\" defer></script>")
                .doesNotContain("<script>", "style=", "onclick", "http://");
        for (String script :
                new String[] {"visit-api.js", "visit-join.js", "visit-page.js", "visit-new.js", "visit-schedule.js"}) {
            assertThat(anonymous.get("/js/" + script).statusCode()).as(script).isEqualTo(200);
        }
    }

    @Test
    void theVisitPageAsksForIdentityVerificationBeforeItShowsTheChart() {
        Workforce.Account clinician = Workforce.newAccount(server, Workforce.unique("page.clinician"), "CLINICIAN");
        PatientRecord patient = fx.patient();
        String visitId = fx.visit(patient, 5, clinician.id()).path("id").asString();
        fx.transition(visitId, "WAITING");
        signIn(clinician);

        driver.get(base + "/clinician/schedule");
        wait(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("#visits tr[data-visit-id='" + visitId + "']")));

        driver.get(base + "/visits/" + visitId);
        wait(ExpectedConditions.visibilityOfElementLocated(By.id("verification")));
        assertThat(driver.findElement(By.id("status")).getText()).isEqualTo("WAITING");
        assertThat(driver.findElement(By.id("chart")).isDisplayed()).isFalse();
        CapturedAuditEvents audit = server.context().getBean(CapturedAuditEvents.class);
        assertThat(audit.matching(e -> e.action().equals("chart.read") && visitId.equals(e.visitId())))
                .as("the page does not even ask for the chart before verification")
                .isEmpty();

        driver.findElement(By.id("v-full-name")).sendKeys("Ada Maria Lovelace");
        driver.executeScript("document.getElementById('v-date-of-birth').value = '1980-02-01';");
        driver.findElement(By.id("verify")).click();
        wait(ExpectedConditions.visibilityOfElementLocated(By.id("chart")));
        wait(ExpectedConditions.textToBe(By.id("c-full-name"), "Ada María Lovelace"));
        assertThat(driver.findElement(By.id("verification")).isDisplayed()).isFalse();
        assertThat(driver.findElement(By.id("status")).getText()).isEqualTo("IDENTITY_VERIFIED");
        assertThat(driver.findElement(By.id("c-mrn")).getText()).isEqualTo(patient.mrn());
        assertThat(driver.findElements(By.cssSelector("#history tr[data-visit-id='" + visitId + "']")))
                .hasSize(1);

        driver.findElement(By.cssSelector("button.transition[data-to='IN_PROGRESS']"))
                .click();
        wait(ExpectedConditions.textToBe(By.id("status"), "IN_PROGRESS"));
    }

    @Test
    void staffScheduleAVisitAndCreateAJoinLinkWithTheForm() {
        Workforce.Account staff = Workforce.newAccount(server, Workforce.unique("page.staff"), "STAFF");
        String clinicianId = fx.clinician().id();
        PatientRecord patient = fx.patient();
        signIn(staff);
        driver.get(base + "/staff/visits/new");
        driver.findElement(By.id("find-mrn")).sendKeys(patient.mrn());
        driver.findElement(By.id("find-patient")).click();
        wait(ExpectedConditions.attributeToBe(
                By.id("patient-id"), "value", patient.id().toString()));
        // The clinician is chosen by username from the directory; the choice fills in the ids.
        wait(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("#clinician-pick option[value='" + clinicianId + "']")));
        new org.openqa.selenium.support.ui.Select(driver.findElement(By.id("clinician-pick")))
                .selectByValue(clinicianId);
        wait(ExpectedConditions.attributeContains(By.id("clinician-ids"), "value", clinicianId));
        String start = LocalDateTime.now()
                .plusMinutes(20)
                .truncatedTo(ChronoUnit.MINUTES)
                .format(DateTimeFormatter.ISO_LOCAL_DATE_TIME);
        driver.executeScript("document.getElementById('start').value = arguments[0];", start);
        driver.findElement(By.id("schedule")).click();
        wait(ExpectedConditions.visibilityOfElementLocated(By.id("created")));
        String href = driver.findElement(By.id("visit-link")).getAttribute("href");
        String visitId = href.substring(href.lastIndexOf('/') + 1);
        JsonNode visit = json(expect(fx.staff.get("/api/v1/visits/" + visitId), 200));
        assertThat(visit.path("patientId").asString()).isEqualTo(patient.id().toString());

        driver.findElement(By.id("create-join-link")).click();
        wait(ExpectedConditions.visibilityOfElementLocated(By.id("join-link")));
        assertThat(driver.findElement(By.id("join-url")).getText()).startsWith(base + "/join#");
    }

    @Test
    void theJoinPageAcceptsAValidLink() {
        String clinicianId = fx.clinician().id();
        String visitId = fx.visit(fx.patient(), 10, clinicianId).path("id").asString();
        String url = json(expect(fx.staff.post("/api/v1/visits/" + visitId + "/join-links", "{}"), 201))
                .path("url")
                .asString();
        driver.get(url);
        wait(ExpectedConditions.elementToBeClickable(By.id("join-button")));
        assertThat(driver.getCurrentUrl()).doesNotContain("#");
        driver.executeScript("document.getElementById('join-dob').value = '1980-02-01';");
        driver.findElement(By.id("join-button")).click();
        wait(ExpectedConditions.visibilityOfElementLocated(By.id("joined")));
        assertThat(json(expect(fx.staff.get("/api/v1/visits/" + visitId), 200))
                        .path("status")
                        .asString())
                .isEqualTo("WAITING");

        // The same link a second time (a fresh page load): refused, with the page's generic message.
        driver.get("about:blank");
        driver.get(url);
        wait(ExpectedConditions.elementToBeClickable(By.id("join-button")));
        driver.executeScript("document.getElementById('join-dob').value = '1980-02-01';");
        driver.findElement(By.id("join-button")).click();
        WebElement error = wait(ExpectedConditions.visibilityOfElementLocated(By.id("error")));
        assertThat(error.getText()).contains("cannot be used");
    }

    private void signIn(Workforce.Account account) {
        driver.get(base + "/login");
        driver.findElement(By.id("username")).sendKeys(account.username());
        driver.findElement(By.id("password")).sendKeys(account.password());
        driver.findElement(By.id("sign-in")).click();
        wait(ExpectedConditions.visibilityOfElementLocated(By.id("totp-code")));
        driver.findElement(By.id("totp-code")).sendKeys(Workforce.nextCode(account.totpSecret()));
        driver.findElement(By.id("verify-totp")).click();
        wait(ExpectedConditions.urlContains("/account/security"));
    }

    private <T> T wait(org.openqa.selenium.support.ui.ExpectedCondition<T> condition) {
        return new WebDriverWait(driver, Duration.ofSeconds(15)).until(condition);
    }
}
