package health.securevisit.identity;

import static health.securevisit.support.Workforce.body;
import static health.securevisit.support.Workforce.json;
import static org.assertj.core.api.Assertions.assertThat;

import health.securevisit.support.CapturedAuditEvents;
import health.securevisit.support.RunningServer;
import health.securevisit.support.TestServers;
import health.securevisit.support.Workforce;
import java.net.HttpCookie;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Session cookie, CSRF, idle timeout and absolute limit (strict server: 3 s idle, 8 s absolute). */
class SessionLimitTests {

    final RunningServer strict = StrictServer.get();

    @Test
    void bootstrapAdministratorFromSettingsMustEnrolMfaFirst() {
        assertThat(Files.exists(strict.dataDir().resolve("setup-token"))).isFalse();
        Workforce client = Workforce.from(strict, "127.0.0.51");
        assertThat(json(client.post(
                                "/api/v1/auth/login",
                                body("username", StrictServer.ADMIN, "password", StrictServer.ADMIN_PASSWORD)))
                        .path("next")
                        .asString())
                .isIn("mfa-enroll", "mfa-verify");
        ProblemAssert.problem(client.get("/api/v1/users"), 403, "mfa-required");
        assertThat(audit().matching(
                                e -> e.action().equals("identity.setup") && "bootstrap-settings".equals(e.reason())))
                .hasSize(1);
    }

    @Test
    void sessionCookieIsHostPrefixedSecureHttpOnlyAndStrict() {
        Workforce.Account account = Workforce.newAccount(TestServers.h2(), Workforce.unique("cookie"), "STAFF");
        Workforce client = Workforce.on(TestServers.h2());
        HttpResponse<String> login =
                client.post("/api/v1/auth/login", body("username", account.username(), "password", account.password()));
        List<String> setCookies = login.headers().allValues("Set-Cookie");
        String session = setCookies.stream()
                .filter(c -> c.startsWith("__Host-SVSESSION="))
                .findFirst()
                .orElseThrow();
        assertThat(session)
                .contains("; Secure", "; HttpOnly", "SameSite=Strict", "Path=/")
                .doesNotContainIgnoringCase("Domain=");
        String csrf = setCookies.stream()
                .filter(c -> c.startsWith("__Host-XSRF-TOKEN="))
                .findFirst()
                .orElseThrow();
        assertThat(csrf).contains("; Secure", "SameSite=Strict", "Path=/").doesNotContainIgnoringCase("Domain=");
        HttpCookie parsed = HttpCookie.parse(session).getFirst();
        assertThat(parsed.getValue()).hasSizeGreaterThanOrEqualTo(32);
    }

    @Test
    void stateChangesNeedTheCsrfToken() {
        RunningServer server = TestServers.h2();
        HttpResponse<String> response = server.send(java.net.http.HttpRequest.newBuilder(
                        server.uri("/api/v1/auth/login"))
                .header("Content-Type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body("username", "a", "password", "b"))));
        ProblemAssert.problem(response, 403, "csrf-token-invalid");
        HttpResponse<String> wrongToken = server.send(java.net.http.HttpRequest.newBuilder(
                        server.uri("/api/v1/auth/login"))
                .header("Content-Type", "application/json")
                .header("Cookie", "__Host-XSRF-TOKEN=attacker-chosen")
                .header("X-XSRF-TOKEN", "something-else")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body("username", "a", "password", "b"))));
        ProblemAssert.problem(wrongToken, 403, "csrf-token-invalid");
    }

    @Test
    void idleSessionsTimeOutAndTheTimeoutIsAudited() {
        Workforce.Account account = StrictServer.account(Workforce.unique("idle"));
        Workforce client = Workforce.from(strict, "127.0.0.52").signIn(account);
        Workforce.expect(client.get("/api/v1/auth/session"), 200);
        Workforce.sleep(Duration.ofMillis(3600));
        ProblemAssert.problem(client.get("/api/v1/auth/session"), 401, "unauthenticated");
        assertThat(audit().matching(e -> e.action().equals("auth.session.timeout")
                        && account.id().equals(e.actorId())
                        && "idle".equals(e.reason())))
                .hasSize(1);
    }

    @Test
    void activeSessionsEndAtTheAbsoluteLimit() {
        Workforce.Account account = StrictServer.account(Workforce.unique("abs"));
        Workforce client = Workforce.from(strict, "127.0.0.53").signIn(account);
        Instant signedIn = Instant.now();
        int status = 200;
        while (status == 200 && Duration.between(signedIn, Instant.now()).toSeconds() < 15) {
            Workforce.sleep(Duration.ofMillis(1500));
            status = client.get("/api/v1/auth/session").statusCode();
        }
        assertThat(status).isEqualTo(401);
        assertThat(Duration.between(signedIn, Instant.now())).isGreaterThanOrEqualTo(Duration.ofSeconds(8));
        assertThat(audit().matching(e -> e.action().equals("auth.session.timeout")
                        && account.id().equals(e.actorId())
                        && "absolute".equals(e.reason())))
                .hasSize(1);
    }

    CapturedAuditEvents audit() {
        return strict.context().getBean(CapturedAuditEvents.class);
    }
}
