package health.securevisit.identity;

import static org.assertj.core.api.Assertions.assertThat;

import health.securevisit.audit.Outcome;
import health.securevisit.support.CapturedAuditEvents;
import health.securevisit.support.HeadlessChromium;
import health.securevisit.support.RunningServer;
import health.securevisit.support.TestServers;
import health.securevisit.support.Workforce;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.openqa.selenium.virtualauthenticator.VirtualAuthenticator;
import org.openqa.selenium.virtualauthenticator.VirtualAuthenticatorOptions;

/**
 * WebAuthn end to end in Debian's headless Chromium with Chrome's virtual authenticator (a CTAP2
 * platform authenticator with resident keys and user verification): register a passkey at first
 * sign-in, use it as second factor and for passwordless sign-in, and see assertions for another
 * origin refused.
 */
class WebAuthnBrowserTests {

    static ChromeDriver driver;
    static VirtualAuthenticator authenticator;

    @BeforeAll
    static void startChromium() throws Exception {
        driver = HeadlessChromium.start();
        authenticator = driver.addVirtualAuthenticator(new VirtualAuthenticatorOptions()
                .setProtocol(VirtualAuthenticatorOptions.Protocol.CTAP2)
                .setTransport(VirtualAuthenticatorOptions.Transport.INTERNAL)
                .setHasResidentKey(true)
                .setHasUserVerification(true)
                .setIsUserVerified(true)
                .setIsUserConsenting(true));
    }

    @AfterAll
    static void stopChromium() {
        if (driver != null) {
            driver.quit();
        }
    }

    @Test
    void registerAPasskeyThenSignInWithItAsSecondFactorAndPasswordless() {
        RunningServer server = TestServers.h2();
        String name = "key." + UUID.randomUUID().toString().substring(0, 8);
        String password = "browser passphrase " + UUID.randomUUID();
        String userId = Workforce.newUser(server, name, password, "CLINICIAN");
        String base = "https://localhost:" + server.port();

        // First sign-in: password, then the passkey is registered on the enrolment page.
        passwordSignIn(base, name, password);
        waitForPath("/mfa/enroll");
        driver.findElement(By.id("webauthn-label")).clear();
        driver.findElement(By.id("webauthn-label")).sendKeys("Laptop passkey");
        driver.findElement(By.id("webauthn-register")).click();
        waitForPath("/mfa/recovery-codes");
        assertThat(driver.findElements(By.cssSelector("#recovery-codes-js li"))).hasSize(10);
        assertThat(authenticator.getCredentials()).hasSize(1);
        assertThat(authenticator.getCredentials().getFirst().isResidentCredential())
                .isTrue();

        driver.get(base + "/account/security");
        assertThat(driver.findElement(By.id("who")).getText()).isEqualTo(name);
        assertThat(driver.findElement(By.id("mfa-method")).getText()).isEqualTo("webauthn");
        assertThat(driver.findElement(By.cssSelector("#factors tr[data-type=webauthn]"))
                        .getText())
                .contains("Laptop passkey");
        signOut();

        // Password, then the key as second factor.
        passwordSignIn(base, name, password);
        waitForPath("/mfa");
        driver.findElement(By.id("webauthn-verify")).click();
        waitForPath("/account/security");
        assertThat(driver.findElement(By.id("mfa-method")).getText()).isEqualTo("webauthn");
        signOut();

        // Passwordless: the passkey alone (user verification makes it multi-factor).
        driver.get(base + "/login");
        driver.findElement(By.id("passkey-login")).click();
        waitForPath("/account/security");
        assertThat(driver.findElement(By.id("who")).getText()).isEqualTo(name);
        assertThat(driver.findElement(By.id("mfa-method")).getText()).isEqualTo("webauthn-passwordless");

        CapturedAuditEvents audit = server.context().getBean(CapturedAuditEvents.class);
        assertThat(audit.matching(e -> e.action().equals("auth.mfa.enrol")
                        && userId.equals(e.actorId())
                        && "webauthn".equals(e.reason())
                        && e.outcome() == Outcome.SUCCESS))
                .isNotEmpty();
        assertThat(audit.matching(e -> e.action().equals("auth.login")
                        && userId.equals(e.actorId())
                        && "webauthn-passwordless".equals(e.reason())
                        && "webauthn".equals(e.authMethod())))
                .isNotEmpty();
        signOut();

        // The same passkey, asked for from another origin (https://127.0.0.1), is refused.
        driver.get("https://127.0.0.1:" + server.port() + "/login");
        driver.findElement(By.id("passkey-login")).click();
        WebElement error = new WebDriverWait(driver, Duration.ofSeconds(15))
                .until(ExpectedConditions.visibilityOfElementLocated(By.id("webauthn-error")));
        assertThat(error.getText()).isNotBlank();
        assertThat(driver.getCurrentUrl()).endsWith("/login");
    }

    @Test
    void aServerThatDoesNotAllowTheBrowsersOriginRefusesItsCredential() {
        // The strict server allows only https://portal.example.org as WebAuthn origin.
        RunningServer server = StrictServer.get();
        Workforce.Account account =
                StrictServer.user("origin." + UUID.randomUUID().toString().substring(0, 8));
        String base = "https://localhost:" + server.port();
        passwordSignIn(base, account.username(), account.password());
        waitForPath("/mfa/enroll");
        int before = authenticator.getCredentials().size();
        driver.findElement(By.id("webauthn-register")).click();
        WebElement error = new WebDriverWait(driver, Duration.ofSeconds(15))
                .until(ExpectedConditions.visibilityOfElementLocated(By.id("webauthn-error")));
        assertThat(error.getText()).contains("not accepted");
        // The browser made a credential, but the server checked the origin and kept nothing.
        assertThat(authenticator.getCredentials()).hasSize(before + 1);
        assertThat(server.context()
                        .getBean(CapturedAuditEvents.class)
                        .matching(e -> e.action().equals("auth.mfa.enrol")
                                && account.id().equals(e.actorId())
                                && "webauthn-rejected".equals(e.reason())))
                .hasSize(1);
        driver.get(base + "/mfa/enroll");
        assertThat(driver.getCurrentUrl()).endsWith("/mfa/enroll");
    }

    static void passwordSignIn(String base, String username, String password) {
        driver.get(base + "/login");
        driver.findElement(By.id("username")).sendKeys(username);
        driver.findElement(By.id("password")).sendKeys(password);
        driver.findElement(By.id("sign-in")).click();
    }

    static void signOut() {
        driver.findElement(By.id("logout")).click();
        waitForPath("/login");
    }

    static void waitForPath(String path) {
        new WebDriverWait(driver, Duration.ofSeconds(20)).until(d -> {
            String url = d.getCurrentUrl();
            String withoutQuery = url.contains("?") ? url.substring(0, url.indexOf('?')) : url;
            return withoutQuery.endsWith(path);
        });
    }
}
