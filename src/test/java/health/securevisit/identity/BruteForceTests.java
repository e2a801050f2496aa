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
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Growing delays and temporary lockout (strict server: account 2 free failures, lock at 4; source:
 * 4 free, lock at 8; waits capped at 1 s; alerts at 6 failures of one account or 3 accounts from one
 * source), with equal answers for unknown and known usernames. Passwords count per account and
 * source, second factors per account. Each test sends from its own loopback addresses.
 */
class BruteForceTests {

    /** A well-formed assertion by no registered credential. */
    static final String FORGED_ASSERTION = """
            {"id": "AAECAwQFBgcICQoLDA0ODw", "rawId": "AAECAwQFBgcICQoLDA0ODw", "type": "public-key",
             "response": {"clientDataJSON": "eyJ0eXBlIjoid2ViYXV0aG4uZ2V0In0",
                          "authenticatorData": "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAFAAAAAQ",
                          "signature": "MEUCIQ"},
             "clientExtensionResults": {}, "authenticatorAttachment": "platform"}
            """;

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

        // Locked for this address: even the right password is refused from it until the lock expires.
        HttpResponse<String> right = Workforce.from(server, "127.0.0.11")
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

    @Test
    void aCorrectPasswordDoesNotResetSecondFactorFailures() {
        Workforce.Account account = StrictServer.account(Workforce.unique("mfareset"));
        Workforce client = Workforce.from(server, "127.0.0.61");
        List<String> answers = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            Workforce.expect(
                    client.post(
                            "/api/v1/auth/login", body("username", account.username(), "password", account.password())),
                    200);
            answers.add(answer(client.post("/api/v1/auth/totp/verify", body("code", "000000"))));
            Workforce.sleep(Duration.ofMillis(1100));
        }
        assertThat(answers).containsOnly("400 bad-code");
        // The password is still right and accepted, but the second factor stays locked for the account.
        Workforce.expect(
                client.post("/api/v1/auth/login", body("username", account.username(), "password", account.password())),
                200);
        ProblemAssert.problem(
                client.post("/api/v1/auth/totp/verify", body("code", Workforce.nextCode(account.totpSecret()))),
                429,
                "too-many-attempts");
        Workforce elsewhere = Workforce.from(server, "127.0.0.62");
        Workforce.expect(
                elsewhere.post(
                        "/api/v1/auth/login", body("username", account.username(), "password", account.password())),
                200);
        ProblemAssert.problem(
                elsewhere.post("/api/v1/auth/recovery/verify", body("code", "AAAA-BBBB-CCCC-DDDD")),
                429,
                "too-many-attempts");
    }

    @Test
    void aStrangerElsewhereCannotLockTheAccountOut() {
        Workforce.Account account = StrictServer.account(Workforce.unique("oncall"));
        List<String> attack = attackSequence(account.username(), "127.0.0.71");
        assertThat(attack).contains("429 too-many-attempts");
        ProblemAssert.problem(
                Workforce.from(server, "127.0.0.71")
                        .post(
                                "/api/v1/auth/login",
                                body("username", account.username(), "password", account.password())),
                429,
                "too-many-attempts");
        // The clinician, at their own address, signs in with password and TOTP as usual.
        Workforce own = Workforce.from(server, "127.0.0.72");
        Workforce.expect(
                own.post("/api/v1/auth/login", body("username", account.username(), "password", account.password())),
                200);
        assertThat(json(Workforce.expect(
                                own.post(
                                        "/api/v1/auth/totp/verify",
                                        body("code", Workforce.nextCode(account.totpSecret()))),
                                200))
                        .path("next")
                        .asString())
                .isEqualTo("done");
    }

    @Test
    void passkeySignInStaysOpenWhileTheSourceIsLocked() {
        Workforce locked = Workforce.from(server, "127.0.0.81");
        int refused = 0;
        for (int i = 0; i < 8; i++) {
            HttpResponse<String> r = locked.post(
                    "/api/v1/auth/login", body("username", Workforce.unique("src"), "password", "wrong guess!!"));
            if (r.statusCode() == 429) {
                refused++;
                Workforce.sleep(Duration.ofMillis(1100));
                i--;
            }
        }
        ProblemAssert.problem(
                locked.post("/api/v1/auth/login", body("username", Workforce.unique("src"), "password", "x")),
                429,
                "too-many-attempts");
        assertThat(refused).isPositive();
        // WebAuthn is not throttled by password failures: options and assertions are still heard.
        Workforce.expect(locked.post("/api/v1/auth/webauthn/authentication/options", "{}"), 200);
        ProblemAssert.problem(
                locked.post("/api/v1/auth/webauthn/authentication", FORGED_ASSERTION), 400, "webauthn-failed");
    }

    @Test
    void failuresPilingUpRaiseSecurityAlerts() {
        Workforce.Account account = StrictServer.account(Workforce.unique("target"));
        for (int i = 0; i < 6; i++) {
            ProblemAssert.problem(
                    Workforce.from(server, "127.0.2." + (10 + i))
                            .post("/api/v1/auth/login", body("username", account.username(), "password", "wrong!!")),
                    400,
                    "bad-credentials");
        }
        Workforce sprayer = Workforce.from(server, "127.0.2.99");
        for (int i = 0; i < 3; i++) {
            ProblemAssert.problem(
                    sprayer.post("/api/v1/auth/login", body("username", Workforce.unique("sprayed"), "password", "x")),
                    400,
                    "bad-credentials");
        }
        JdbcClient jdbc = JdbcClient.create(server.context().getBean(DataSource.class));
        Instant deadline = Instant.now().plusSeconds(20);
        long forAccount = 0;
        long forSource = 0;
        while (Instant.now().isBefore(deadline) && (forAccount == 0 || forSource == 0)) {
            Workforce.sleep(Duration.ofMillis(200));
            forAccount = jdbc.sql("SELECT COUNT(*) FROM security_alert WHERE kind = 'sign-in-failures-account'"
                            + " AND actor_id = ?")
                    .param(UUID.fromString(account.id()))
                    .query(Long.class)
                    .single();
            forSource = jdbc.sql("SELECT COUNT(*) FROM security_alert WHERE kind = 'sign-in-failures-source'")
                    .query(Long.class)
                    .single();
        }
        assertThat(forAccount).isEqualTo(1);
        assertThat(forSource).isPositive();
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
