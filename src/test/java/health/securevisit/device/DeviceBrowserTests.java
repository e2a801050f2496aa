package health.securevisit.device;

import static health.securevisit.support.Workforce.expect;
import static org.assertj.core.api.Assertions.assertThat;

import health.securevisit.support.HeadlessChromium;
import health.securevisit.support.Workforce;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedCondition;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Device binding in Debian's headless Chromium: the page creates a non-extractable P-256 key in
 * IndexedDB and proves it; the same clinician gets the chart on the compliant bound browser, is
 * refused when the device reports a 30-minute screen lock, and is refused in a second browser (its
 * own profile, no key) that carries a copy of the session cookie. The page locks itself when idle.
 */
class DeviceBrowserTests {

    static ChromeDriver first;
    static ChromeDriver second;

    @BeforeAll
    static void start() throws Exception {
        DeviceApiTests.start();
        first = HeadlessChromium.start();
        second = HeadlessChromium.start();
    }

    @AfterAll
    static void stop() {
        for (ChromeDriver d : new ChromeDriver[] {first, second}) {
            if (d != null) {
                d.quit();
            }
        }
        DeviceApiTests.stop();
    }

    @Test
    void theChartFollowsTheBoundBrowserAndItsPosture() throws Exception {
        String base = "https://localhost:" + DeviceApiTests.server.port();
        Workforce.Account doctor =
                Workforce.newAccount(DeviceApiTests.server, Workforce.unique("dev.browser"), "CLINICIAN");
        String serial = "SN-" + UUID.randomUUID();
        String deviceId = DeviceApiTests.register(doctor.id(), "ORGANISATION", serial, "host-" + serial);
        DeviceApiTests.Visit visit = DeviceApiTests.visitWith(doctor.id());

        signIn(first, base, doctor);
        first.get(base + "/account/device");
        wait(first, ExpectedConditions.elementToBeClickable(By.cssSelector("button.bind")))
                .click();
        wait(first, ExpectedConditions.textToBePresentInElementLocated(By.id("message"), "now bound"));
        Boolean extractable = (Boolean) first.executeAsyncScript(
                "const done = arguments[0]; svDevice.key().then(k => done(k.privateKey.extractable));");
        assertThat(extractable).as("the private key cannot be read out").isFalse();
        expect(DeviceApiTests.report(serial, 5, Instant.now().minusSeconds(20)), 202);

        first.get(base + "/visits/" + visit.id());
        wait(first, ExpectedConditions.textToBe(By.id("c-full-name"), visit.fullName()));
        screenshot(first, "device-visit-compliant");

        expect(DeviceApiTests.report(serial, 30, Instant.now().minusSeconds(10)), 202);
        first.get(base + "/visits/" + visit.id());
        wait(first, ExpectedConditions.textToBePresentInElementLocated(By.id("error"), "screen-lock"));
        assertThat(first.findElement(By.id("chart")).isDisplayed()).isFalse();
        first.get(base + "/account/device");
        wait(first, ExpectedConditions.presenceOfElementLocated(By.cssSelector("li[data-check='screen-lock']")));
        assertThat(first.findElement(By.cssSelector("li[data-check='screen-lock']"))
                        .getText())
                .contains("15 minutes or less");
        screenshot(first, "device-account-noncompliant");

        expect(DeviceApiTests.report(serial, 10, Instant.now().minusSeconds(5)), 202);
        Cookie session = first.manage().getCookieNamed("__Host-SVSESSION");
        second.get(base + "/login");
        second.manage().deleteAllCookies();
        second.manage()
                .addCookie(new Cookie.Builder(session.getName(), session.getValue())
                        .path("/")
                        .isSecure(true)
                        .isHttpOnly(true)
                        .sameSite("Strict")
                        .build());
        second.get(base + "/visits/" + visit.id());
        wait(second, ExpectedConditions.textToBePresentInElementLocated(By.id("error"), "device-not-bound"));
        assertThat(second.findElement(By.id("chart")).isDisplayed()).isFalse();

        first.get(base + "/visits/" + visit.id());
        wait(first, ExpectedConditions.textToBe(By.id("c-full-name"), visit.fullName()));
        first.executeScript("svIdleLock.lockNow();");
        wait(first, ExpectedConditions.visibilityOfElementLocated(By.id("idle-lock")));
        assertThat(first.findElement(By.tagName("body")).getAttribute("class")).contains("sv-locked");
        assertThat(first.findElement(By.id("idle-lock-sign-in")).getAttribute("href"))
                .endsWith("/login");
        screenshot(first, "device-idle-lock");

        Workforce.Account officer =
                Workforce.newAccount(DeviceApiTests.server, Workforce.unique("dev.page.officer"), "SECURITY_OFFICER");
        signIn(second, base, officer);
        second.get(base + "/security/devices?q=" + serial);
        wait(second, ExpectedConditions.presenceOfElementLocated(By.cssSelector("#inventory tbody tr")));
        assertThat(second.findElements(By.cssSelector("#inventory tbody tr"))).hasSize(1);
        assertThat(second.findElement(By.cssSelector("#inventory tbody tr")).getText())
                .contains(serial, "BOUND", "ORGANISATION");
        screenshot(second, "device-inventory");

        // The posture exception control: record one for the doctor's device, see it listed, revoke it.
        second.findElement(By.id("x-device")).sendKeys(deviceId);
        new Select(second.findElement(By.id("x-check"))).selectByValue("screen-lock");
        second.findElement(By.id("x-reason")).sendKeys("Screen lock profile rollout waits for the vendor");
        second.executeScript("const d = new Date(Date.now() + 86400000);"
                + "document.getElementById('x-expires').value ="
                + " new Date(d - d.getTimezoneOffset() * 60000).toISOString().slice(0, 16);");
        second.findElement(By.id("except")).click();
        By row = By.xpath("//table[@id='exceptions']//tr[td[contains(., '" + deviceId + "')]]");
        wait(second, ExpectedConditions.textToBePresentInElementLocated(row, "ACTIVE"));
        assertThat(second.findElement(row).getText()).contains("screen-lock", "Screen lock profile rollout");
        screenshot(second, "device-exception");
        second.findElement(row).findElement(By.cssSelector("button.revoke")).click();
        wait(second, ExpectedConditions.textToBePresentInElementLocated(row, "REVOKED"));
    }

    static void signIn(ChromeDriver driver, String base, Workforce.Account account) {
        driver.get(base + "/login");
        driver.manage().deleteAllCookies();
        driver.get(base + "/login");
        driver.findElement(By.id("username")).sendKeys(account.username());
        driver.findElement(By.id("password")).sendKeys(account.password());
        driver.findElement(By.id("sign-in")).click();
        wait(driver, ExpectedConditions.visibilityOfElementLocated(By.id("totp-code")));
        driver.findElement(By.id("totp-code")).sendKeys(Workforce.nextCode(account.totpSecret()));
        driver.findElement(By.id("verify-totp")).click();
        wait(driver, ExpectedConditions.urlContains("/account/security"));
    }

    static <T> T wait(ChromeDriver driver, ExpectedCondition<T> condition) {
        return new WebDriverWait(driver, Duration.ofSeconds(20)).until(condition);
    }

    static void screenshot(ChromeDriver driver, String name) throws java.io.IOException {
        Path target = Path.of("target", name + ".png");
        Files.createDirectories(target.getParent());
        Files.write(target, driver.getScreenshotAs(OutputType.BYTES));
    }
}
