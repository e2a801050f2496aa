package health.securevisit.patient;

import static org.assertj.core.api.Assertions.assertThat;

import health.securevisit.support.HeadlessChromium;
import health.securevisit.support.RunningServer;
import health.securevisit.support.TestServers;
import health.securevisit.support.Workforce;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/** The staff patient list: served without inline script, and driven end to end in headless Chromium. */
class PatientPagesTests {

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
    void pageIsSelfContainedAndSendsAnonymousVisitorsToLogin() {
        Workforce anonymous = Workforce.on(server);
        HttpResponse<String> redirect = anonymous.get("/staff/patients");
        assertThat(redirect.statusCode()).isEqualTo(302);
        assertThat(redirect.headers().firstValue("Location").orElseThrow()).endsWith("/login");
        assertThat(anonymous.get("/js/patient-list.js").statusCode()).isEqualTo(200);
        assertThat(anonymous.get("/css/patient-list.css").statusCode()).isEqualTo(200);

        Workforce.Account staff = Workforce.newAccount(server, Workforce.unique("page-staff"), "STAFF");
        HttpResponse<String> page = Workforce.on(server).signIn(staff).get("/staff/patients");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Security-Policy").orElseThrow())
                .contains("script-src 'self'");
        assertThat(page.body())
                .contains(
                        "<script src=\"/js/patient-list.js\" defer></script>",
                        "id=\"patient-search\"",
                        "id=\"patient-create\"")
                .doesNotContain("<script>", "style=", "onclick", "onsubmit", "http://", "cdn");
    }

    @Test
    void staffCreatesFindsAndSeesErrorsInTheBrowser() {
        String name = Workforce.unique("browser-staff");
        String password = "browser passphrase " + UUID.randomUUID();
        Workforce.newUser(server, name, password, "STAFF");
        String secret = Workforce.on(server).firstSignIn(name, password);
        String base = "https://localhost:" + server.port();

        driver.get(base + "/login");
        driver.findElement(By.id("username")).sendKeys(name);
        driver.findElement(By.id("password")).sendKeys(password);
        driver.findElement(By.id("sign-in")).click();
        waitForPath("/mfa");
        driver.findElement(By.id("totp-code")).sendKeys(Workforce.nextCode(secret));
        driver.findElement(By.id("verify-totp")).click();
        waitForPath("/account/security");

        driver.get(base + "/staff/patients");
        String mrn = "PG-" + UUID.randomUUID().toString().substring(0, 8);
        type("new-mrn", mrn);
        type("new-fullName", "Brûno Browserpatient");
        type("new-dateOfBirth", "1988-08-08");
        type("new-phone", "+1 555 010 9999");
        driver.findElement(By.id("create-submit")).click();
        waitForText("patient-message", "The patient was created.");
        assertThat(driver.findElement(By.cssSelector("#patient-results tbody")).getText())
                .contains(mrn, "Brûno Browserpatient", "1988-08-08");

        // the same MRN again: the problem+json detail is shown, nothing is added
        type("new-mrn", mrn.toLowerCase(java.util.Locale.ROOT));
        type("new-fullName", "Someone Else");
        type("new-dateOfBirth", "1990-01-01");
        driver.findElement(By.id("create-submit")).click();
        waitForText("patient-error", "Another patient already has this MRN.");

        type("search-name", "bruno BROWSERPATIENT");
        type("search-dob", "1988-08-08");
        driver.findElement(By.id("search-submit")).click();
        waitForRows(1);
        assertThat(driver.findElement(By.cssSelector("#patient-results tbody")).getText())
                .contains(mrn);

        type("search-name", "");
        type("search-dob", "1988-02-30");
        driver.findElement(By.id("search-submit")).click();
        waitForText("patient-error", "dateOfBirth must be a date in the form YYYY-MM-DD.");
    }

    static void type(String id, String text) {
        WebElement input = driver.findElement(By.id(id));
        input.clear();
        input.sendKeys(text);
    }

    static void waitForText(String id, String text) {
        new WebDriverWait(driver, Duration.ofSeconds(20))
                .until(d -> d.findElement(By.id(id)).getText().contains(text));
    }

    static void waitForRows(int rows) {
        new WebDriverWait(driver, Duration.ofSeconds(20))
                .until(d -> d.findElements(By.cssSelector("#patient-results tbody tr"))
                                .size()
                        == rows);
    }

    static void waitForPath(String path) {
        new WebDriverWait(driver, Duration.ofSeconds(20)).until(d -> {
            String url = d.getCurrentUrl();
            String withoutQuery = url.contains("?") ? url.substring(0, url.indexOf('?')) : url;
            return withoutQuery.endsWith(path);
        });
    }
}
