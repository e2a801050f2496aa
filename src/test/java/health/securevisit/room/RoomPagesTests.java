package health.securevisit.room;

import static org.assertj.core.api.Assertions.assertThat;

import health.securevisit.support.HeadlessChromium;
import health.securevisit.support.RunningServer;
import health.securevisit.support.TestServers;
import health.securevisit.support.Workforce;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;

/** The room pages as documents: self-contained under the strict CSP, labelled, readable on a phone. */
class RoomPagesTests {

    static ChromeDriver driver;

    final RunningServer server = TestServers.h2();

    @BeforeAll
    static void startChromium() throws IOException {
        driver = HeadlessChromium.start();
    }

    @AfterAll
    static void stopChromium() {
        if (driver != null) {
            driver.quit();
        }
    }

    @Test
    void roomPagesAreSelfContainedUnderTheStrictPolicy() {
        Workforce anonymous = Workforce.on(server);
        HttpResponse<String> room = anonymous.get("/visits/" + UUID.randomUUID() + "/room");
        assertThat(room.statusCode()).isEqualTo(302);
        assertThat(room.headers().firstValue("Location").orElseThrow()).endsWith("/login");

        HttpResponse<String> join = anonymous.get("/join");
        String csp = join.headers().firstValue("Content-Security-Policy").orElseThrow();
        assertThat(csp)
                .contains("script-src 'self'", "style-src 'self'", "connect-src 'self'", "media-src 'self' blob:")
                .doesNotContain("unsafe-inline", "unsafe-eval", "*");
        assertThat(join.body())
                .contains("<script src=\"/js/room.js\" defer></script>", "id=\"chat-text\"", "id=\"safety-code\"")
                .doesNotContain("<script>", "style=", "onclick", "http://", "https://");
        for (String script : new String[] {"room.js", "room-stats.js", "room-page.js", "visit-join.js"}) {
            assertThat(anonymous.get("/js/" + script).statusCode()).as(script).isEqualTo(200);
        }
    }

    @Test
    void theClinicianRoomPageIsLabelledAndFitsAPhone() throws IOException {
        Workforce.Account clinician = Workforce.newAccount(server, Workforce.unique("room.page"), "CLINICIAN");
        String base = "https://localhost:" + server.port();
        signIn(driver, base, clinician);

        driver.get(base + "/visits/" + UUID.randomUUID() + "/room");
        RoomScenario.waiting(driver).until(ExpectedConditions.visibilityOfElementLocated(By.id("call-controls")));
        for (String control : new String[] {"mute", "camera", "audio-only", "end-visit", "chat-send"}) {
            assertThat(driver.findElement(By.id(control)).getAttribute("type"))
                    .as(control)
                    .isEqualTo(control.equals("chat-send") ? "submit" : "button");
        }
        assertThat(driver.findElement(By.cssSelector("label[for='chat-text']")).getText())
                .isEqualTo("Message");
        screenshot(driver, "clinician-room");
    }

    /** Signs {@code account} in with password and TOTP in a browser whose other cookies are dropped. */
    static void signIn(WebDriver browser, String base, Workforce.Account account) {
        browser.get(base + "/login");
        browser.manage().deleteAllCookies();
        browser.get(base + "/login");
        browser.findElement(By.id("username")).sendKeys(account.username());
        browser.findElement(By.id("password")).sendKeys(account.password());
        browser.findElement(By.id("sign-in")).click();
        RoomScenario.waiting(browser).until(ExpectedConditions.visibilityOfElementLocated(By.id("totp-code")));
        browser.findElement(By.id("totp-code")).sendKeys(Workforce.nextCode(account.totpSecret()));
        browser.findElement(By.id("verify-totp")).click();
        RoomScenario.waiting(browser).until(ExpectedConditions.urlContains("/account/security"));
    }

    /** Screenshots at a phone's and a laptop's size, in target/room-screenshots, to look at. */
    static void screenshot(WebDriver browser, String name) throws IOException {
        Path dir = Files.createDirectories(Path.of("target/room-screenshots"));
        for (Dimension size : new Dimension[] {new Dimension(390, 844), new Dimension(1280, 800)}) {
            browser.manage().window().setSize(size);
            byte[] png = ((org.openqa.selenium.TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES);
            Files.write(dir.resolve(name + "-" + size.getWidth() + "x" + size.getHeight() + ".png"), png);
            int overflow = ((Number)
                            ((org.openqa.selenium.JavascriptExecutor) browser)
                                    .executeScript(
                                            "return document.documentElement.scrollWidth - document.documentElement.clientWidth;"))
                    .intValue();
            assertThat(overflow)
                    .as(name + " has no sideways scrolling at " + size)
                    .isLessThanOrEqualTo(0);
        }
    }
}
