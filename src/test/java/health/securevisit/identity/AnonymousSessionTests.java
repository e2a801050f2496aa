package health.securevisit.identity;

import static org.assertj.core.api.Assertions.assertThat;

import health.securevisit.audit.AuditEvent;
import health.securevisit.identity.internal.WebAuthnChallenges;
import health.securevisit.support.CapturedAuditEvents;
import health.securevisit.support.RunningServer;
import health.securevisit.support.Workforce;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.apache.catalina.Context;
import org.junit.jupiter.api.Test;
import org.springframework.boot.tomcat.TomcatWebServer;
import org.springframework.boot.web.server.servlet.context.ServletWebServerApplicationContext;

/**
 * Anonymous requests create no server sessions: WebAuthn assertion options keep their challenge
 * outside the session in a bounded store, and one address may ask for a few per minute (strict
 * server: 15 per minute, 40 pending at most).
 */
class AnonymousSessionTests {

    final RunningServer server = StrictServer.get();

    @Test
    void anonymousWebAuthnOptionsCreateNoServerSessionAndStayBounded() {
        int before = activeSessions();
        List<Integer> statuses = new ArrayList<>();
        for (int source = 0; source < 5; source++) {
            Workforce client = Workforce.from(server, "127.0.3." + (10 + source));
            client.get("/api/v1/auth/csrf");
            Workforce.expect(client.get("/login"), 200);
            for (int i = 0; i < 20; i++) {
                HttpResponse<String> r = client.post("/api/v1/auth/webauthn/authentication/options", "{}");
                statuses.add(r.statusCode());
                assertThat(r.headers().allValues("Set-Cookie")).noneMatch(c -> c.startsWith("__Host-SVSESSION="));
            }
        }
        assertThat(statuses.stream().filter(s -> s == 200)).hasSize(5 * 15);
        assertThat(statuses.stream().filter(s -> s == 429)).hasSize(5 * 5);
        assertThat(activeSessions()).as("no session per anonymous request").isLessThanOrEqualTo(before);
        assertThat(pendingChallenges()).isLessThanOrEqualTo(40);
    }

    @Test
    void aPendingChallengeIsUsedOnce() {
        Workforce client = Workforce.from(server, "127.0.3.50");
        Workforce.expect(client.post("/api/v1/auth/webauthn/authentication/options", "{}"), 200);
        assertThat(client.cookie("__Host-SVWEBAUTHN")).isPresent();
        ProblemAssert.problem(
                client.post("/api/v1/auth/webauthn/authentication", BruteForceTests.FORGED_ASSERTION),
                400,
                "webauthn-failed");
        ProblemAssert.problem(
                client.post("/api/v1/auth/webauthn/authentication", BruteForceTests.FORGED_ASSERTION),
                400,
                "webauthn-failed");
        List<String> reasons = server
                .context()
                .getBean(CapturedAuditEvents.class)
                .matching(e -> e.action().equals("auth.login") && "127.0.3.50".equals(e.sourceAddress()))
                .stream()
                .map(AuditEvent::reason)
                .toList();
        assertThat(reasons).containsExactly("webauthn-rejected", "no-challenge");
    }

    int activeSessions() {
        TomcatWebServer web = (TomcatWebServer) ((ServletWebServerApplicationContext) server.context()).getWebServer();
        Context context = (Context) web.getTomcat().getHost().findChildren()[0];
        return context.getManager().getActiveSessions();
    }

    long pendingChallenges() {
        return server.context().getBean(WebAuthnChallenges.class).pending();
    }
}
