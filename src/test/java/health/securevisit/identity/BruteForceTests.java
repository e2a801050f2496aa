package health.securevisit.identity;

import static health.securevisit.support.Workforce.body;
import static health.securevisit.support.Workforce.json;
import static org.assertj.core.api.Assertions.assertThat;

import health.securevisit.audit.Outcome;
import health.securevisit.support.CapturedAuditEvents;
import health.securevisit.support.RunningServer;
import health.securevisit.support.Workforce;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Growing delays and temporary lockout per account and per source (strict server: 2 free failures,
 * lock at 4; source: 4 free, lock at 8; waits capped at 1 s), with equal answers for unknown and
 * known usernames. Each test sends from its own loopback address.
 */
class BruteForceTests {

    final RunningServer server = StrictServer.get();

    @Test
    void knownAndUnknownUsernamesGetTheSameAnswersThroughDelayAndLockout() {
        Workforce.Account known = StrictServer.account(Workforce.unique("victim"));
        List<String> forKnown = attackSequence(known.username(), "127.0.0.11");
        List<String> forUnknown = attackSequence(Workforce.unique("nobody"), "127.0.0.12");
        assertThat(forKnown)
                .containsExactly(
                        "400 bad-credentials",
                        "400 bad-credentials",
                        "400 bad-credentials",
                        "429 too-many-attempts",
                        "400 bad-credentials",
                        "429 too-many-attempts");
        assertThat(forUnknown).isEqualTo(forKnown);

        // Locked: even the right password is refused, from anywhere, until the lock expires.
        HttpResponse<String> right = Workforce.from(server, "127.0.0.13")
                .post("/api/v1/auth/login", body("username", known.username(), "password", known.password()));
        ProblemAssert.problem(right, 429, "too-many-attempts");
        assertThat(Integer.parseInt(right.headers().firstValue("Retry-After").orElseThrow()))
                .isBetween(1, 60);

        CapturedAuditEvents audit = audit();
        assertThat(audit.matching(e -> e.action().equals("auth.lockout")
                        && known.id().equals(e.resourceId())
                        && e.outcome() == Outcome.DENIED))
                .hasSize(1);
        assertThat(audit.matching(e -> e.action().equals("auth.login")
                        && known.id().equals(e.actorId())
                        && "bad-credentials".equals(e.reason())))
                .hasSize(4);
    }

    @Test
    void unknownAndKnownUsernamesTakeComparableTime() {
        List<Workforce.Account> known = List.of(
                StrictServer.account(Workforce.unique("t1")),
                StrictServer.account(Workforce.unique("t2")),
                StrictServer.account(Workforce.unique("t3")));
        long[] knownNanos = new long[known.size()];
        long[] unknownNanos = new long[known.size()];
        String knownBody = null;
        String unknownBody = null;
        for (int i = 0; i < known.size(); i++) {
            long start = System.nanoTime();
            HttpResponse<String> a = Workforce.from(server, "127.0.1." + (10 + i))
                    .post(
                            "/api/v1/auth/login",
                            body("username", known.get(i).username(), "password", "wrong password!!"));
            knownNanos[i] = System.nanoTime() - start;
            start = System.nanoTime();
            HttpResponse<String> b = Workforce.from(server, "127.0.1." + (20 + i))
                    .post(
                            "/api/v1/auth/login",
                            body("username", Workforce.unique("ghost"), "password", "wrong password!!"));
            unknownNanos[i] = System.nanoTime() - start;
            knownBody = withoutRequestData(a);
            unknownBody = withoutRequestData(b);
        }
        assertThat(unknownBody).isEqualTo(knownBody);
        long knownMedian = median(knownNanos);
        long unknownMedian = median(unknownNanos);
        // Both verify one Argon2id hash (a dummy one for unknown names): the same order of time.
        assertThat((double) unknownMedian / knownMedian).isBetween(0.5, 2.0);
    }

    @Test
    void oneSourceIsThrottledAcrossManyAccountsAndItsLockoutIsAudited() {
        Workforce attacker = Workforce.from(server, "127.0.0.31");
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            HttpResponse<String> r = attacker.post(
                    "/api/v1/auth/login", body("username", Workforce.unique("spray"), "password", "Summer2026!!!"));
            statuses.add(r.statusCode());
            if (r.statusCode() == 429) {
                Workforce.sleep(Duration.ofMillis(1100));
                i--;
            }
        }
        assertThat(statuses).contains(429);
        ProblemAssert.problem(
                attacker.post("/api/v1/auth/login", body("username", Workforce.unique("spray"), "password", "x")),
                429,
                "too-many-attempts");
        // Another address is not affected.
        ProblemAssert.problem(
                Workforce.from(server, "127.0.0.32")
                        .post(
                                "/api/v1/auth/login",
                                body("username", Workforce.unique("spray"), "password", "Summer2026!!!")),
                400,
                "bad-credentials");
        assertThat(audit().matching(e -> e.action().equals("auth.lockout")
                        && "source-address".equals(e.resourceType())
                        && "127.0.0.31".equals(e.resourceId())))
                .hasSize(1);
    }

    @Test
    void mfaFailuresAreSecurityEventsAndCountTowardsLockout() {
        Workforce.Account account = StrictServer.account(Workforce.unique("mfa"));
        Workforce client = Workforce.from(server, "127.0.0.41");
        Workforce.expect(
                client.post("/api/v1/auth/login", body("username", account.username(), "password", account.password())),
                200);
        List<String> answers = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            answers.add(answer(client.post("/api/v1/auth/totp/verify", body("code", "000000"))));
            Workforce.sleep(Duration.ofMillis(1100));
        }
        assertThat(answers).containsOnly("400 bad-code");
        ProblemAssert.problem(
                client.post("/api/v1/auth/totp/verify", body("code", Workforce.nextCode(account.totpSecret()))),
                429,
                "too-many-attempts");
        assertThat(audit().matching(e -> e.action().equals("auth.mfa.verify")
                        && account.id().equals(e.actorId())
                        && e.outcome() == Outcome.DENIED
                        && "bad-code".equals(e.reason())))
                .hasSize(4);
        assertThat(audit().matching(e ->
                        e.action().equals("auth.lockout") && account.id().equals(e.resourceId())))
                .hasSize(1);
    }

    /** Four wrong passwords, with one immediate retry while a wait is due, and one after the lock. */
    List<String> attackSequence(String username, String source) {
        Workforce client = Workforce.from(server, source);
        List<String> answers = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            answers.add(answer(client.post(
                    "/api/v1/auth/login", body("username", username, "password", "guess " + i + " wrong!!"))));
        }
        answers.add(
                answer(client.post("/api/v1/auth/login", body("username", username, "password", "too soon guess"))));
        Workforce.sleep(Duration.ofMillis(1100));
        answers.add(
                answer(client.post("/api/v1/auth/login", body("username", username, "password", "guess 4 wrong!!"))));
        answers.add(
                answer(client.post("/api/v1/auth/login", body("username", username, "password", "guess 5 wrong!!"))));
        return answers;
    }

    static String answer(HttpResponse<String> response) {
        return response.statusCode() + " " + json(response).path("code").asString();
    }

    static String withoutRequestData(HttpResponse<String> response) {
        JsonNode body = json(response);
        return response.statusCode()
                + body.path("code").asString()
                + body.path("detail").asString()
                + body.path("title").asString();
    }

    static long median(long[] values) {
        long[] copy = values.clone();
        Arrays.sort(copy);
        return copy[copy.length / 2];
    }

    CapturedAuditEvents audit() {
        return server.context().getBean(CapturedAuditEvents.class);
    }
}
