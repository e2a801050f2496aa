package health.securevisit.identity;

import static org.assertj.core.api.Assertions.assertThat;

import health.securevisit.support.RunningServer;
import health.securevisit.support.TestServers;
import health.securevisit.support.Workforce;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The server-rendered pages over HTTPS: no inline script, CSRF-protected forms, the MFA gate. */
class PagesTests {

    final RunningServer server = TestServers.h2();

    @Test
    void loginPageIsSelfContainedAndItsFormCarriesACsrfToken() {
        Workforce browser = Workforce.on(server);
        HttpResponse<String> page = browser.get("/login");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
        assertThat(page.headers().firstValue("Content-Security-Policy").orElseThrow())
                .contains("script-src 'self'");
        assertThat(page.body())
                .contains("name=\"_csrf\"")
                .contains("<script src=\"/js/webauthn.js\" defer></script>")
                .doesNotContain("<script>", "style=", "onclick", "http://", "cdn");
        assertThat(browser.get("/js/webauthn.js").statusCode()).isEqualTo(200);
        assertThat(browser.get("/css/securevisit.css").statusCode()).isEqualTo(200);
    }

    @Test
    void pagesSendAnonymousVisitorsToLoginAndHalfSignedInOnesToMfa() {
        Workforce.Account account = Workforce.newAccount(
                server, "page." + UUID.randomUUID().toString().substring(0, 8), "STAFF");
        Workforce browser = Workforce.on(server);
        assertRedirect(browser.get("/account/security"), "/login");
        assertRedirect(browser.get("/admin/users"), "/login");

        // The login form posted with only the hidden _csrf field of the page (as a browser does).
        String csrf = hiddenCsrf(browser.get("/login").body());
        HttpResponse<String> login =
                form(browser, "/login", "_csrf", csrf, "username", account.username(), "password", account.password());
        assertRedirect(login, "/mfa");
        assertRedirect(browser.get("/account/security"), "/mfa");
        assertThat(browser.get("/mfa").body()).contains("id=\"totp-code\"", "id=\"webauthn-verify\"");

        HttpResponse<String> wrong = form(
                browser, "/mfa/totp", "_csrf", hiddenCsrf(browser.get("/mfa").body()), "code", "000000");
        assertThat(wrong.body()).contains("The code is wrong");
        HttpResponse<String> right = form(
                browser,
                "/mfa/totp",
                "_csrf",
                hiddenCsrf(browser.get("/mfa").body()),
                "code",
                Workforce.nextCode(account.totpSecret()));
        assertRedirect(right, "/account/security");
        String security = browser.get("/account/security").body();
        assertThat(security).contains(account.username(), "data-type=\"totp\"");
        // A staff member is no administrator: the admin page is refused.
        assertThat(browser.get("/admin/users").statusCode()).isEqualTo(403);

        assertRedirect(form(browser, "/logout", "_csrf", hiddenCsrf(security)), "/login?logout");
        assertRedirect(browser.get("/account/security"), "/login");
    }

    @Test
    void administratorsManageAccountsOnTheUsersPage() {
        Workforce admin = Workforce.adminClient(server);
        String page = admin.get("/admin/users").body();
        assertThat(page).contains(Workforce.ADMIN, "id=\"new-user\"");
        String name = "form." + UUID.randomUUID().toString().substring(0, 8);
        HttpResponse<String> created = form(
                admin,
                "/admin/users",
                "_csrf",
                hiddenCsrf(page),
                "username",
                name,
                "password",
                "created on the page " + UUID.randomUUID(),
                "roles",
                "CLINICIAN",
                "reason",
                "new clinician joining the cardiology team");
        assertRedirect(created, "/admin/users");
        assertThat(admin.get("/admin/users").body()).contains("data-username=\"" + name + "\"");
        HttpResponse<String> weak = form(
                admin,
                "/admin/users",
                "_csrf",
                hiddenCsrf(page),
                "username",
                name + "x",
                "password",
                "password1234",
                "roles",
                "STAFF");
        assertRedirect(weak, "/admin/users");
        assertThat(admin.get("/admin/users").body())
                .contains("common or breached")
                .doesNotContain(name + "x");
    }

    static HttpResponse<String> form(Workforce client, String path, String... fields) {
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < fields.length; i += 2) {
            if (!body.isEmpty()) {
                body.append('&');
            }
            body.append(URLEncoder.encode(fields[i], StandardCharsets.UTF_8))
                    .append('=')
                    .append(URLEncoder.encode(fields[i + 1], StandardCharsets.UTF_8));
        }
        return client.send(HttpRequest.newBuilder(client.uri(path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(BodyPublishers.ofString(body.toString())));
    }

    static String hiddenCsrf(String html) {
        Matcher m = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(html);
        assertThat(m.find()).as("a _csrf field in the page").isTrue();
        return m.group(1);
    }

    static void assertRedirect(HttpResponse<String> response, String location) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(302);
        assertThat(response.headers().firstValue("Location").orElseThrow()).endsWith(location);
    }
}
