package health.securevisit.identity;

import static health.securevisit.support.Workforce.body;
import static health.securevisit.support.Workforce.json;
import static org.assertj.core.api.Assertions.assertThat;

import health.securevisit.support.CapturedAuditEvents;
import health.securevisit.support.RunningServer;
import health.securevisit.support.TestServers;
import health.securevisit.support.Workforce;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Listing, enrolling and removing factors; no SMS, voice or email; recovery codes. */
class FactorTests {

    final RunningServer server = TestServers.h2();

    @Test
    void smsVoiceAndEmailFactorsAreRefusedWithAReason() {
        Workforce.Account account = Workforce.newAccount(server, Workforce.unique("staff"), "STAFF");
        Workforce client = Workforce.on(server).signIn(account);
        for (String type : List.of("sms", "voice", "email", "SMS")) {
            JsonNode problem = ProblemAssert.problem(
                    client.post("/api/v1/auth/factors", body("type", type)), 400, "factor-not-allowed");
            assertThat(problem.path("detail").asString())
                    .contains("does not accept " + type.toLowerCase(java.util.Locale.ROOT))
                    .contains("NIST SP 800-63B")
                    .contains("authenticator app");
        }
        assertThat(json(client.get("/api/v1/auth/factors")).path("factors")).hasSize(1);
    }

    @Test
    void smsIsRefusedEvenDuringFirstEnrolment() {
        String name = Workforce.unique("new");
        Workforce.newUser(server, name, "first sign-in passphrase", "STAFF");
        Workforce client = Workforce.on(server);
        client.post("/api/v1/auth/login", body("username", name, "password", "first sign-in passphrase"));
        ProblemAssert.problem(client.post("/api/v1/auth/factors", body("type", "sms")), 400, "factor-not-allowed");
        ProblemAssert.problem(
                client.post("/api/v1/auth/factors", body("type", "carrier-pigeon")), 400, "factor-not-allowed");
    }

    @Test
    void listsOwnFactorsAndKeepsTheLastOne() {
        Workforce.Account account = Workforce.newAccount(server, Workforce.unique("clin"), "CLINICIAN");
        Workforce client = Workforce.on(server).signIn(account);
        JsonNode factors = json(Workforce.expect(client.get("/api/v1/auth/factors"), 200));
        assertThat(factors.path("factors")).hasSize(1);
        assertThat(factors.path("factors").get(0).path("type").asString()).isEqualTo("totp");
        assertThat(factors.path("recoveryCodesRemaining").asInt()).isEqualTo(10);
        assertThat(factors.toString()).doesNotContain(account.totpSecret());

        ProblemAssert.problem(client.delete("/api/v1/auth/factors/totp"), 409, "last-factor");
        ProblemAssert.problem(client.delete("/api/v1/auth/factors/nope"), 404, "factor-not-found");
        // A second TOTP app cannot silently replace the first.
        ProblemAssert.problem(client.post("/api/v1/auth/factors", body("type", "totp")), 409, "factor-exists");
        assertThat(server.context()
                        .getBean(CapturedAuditEvents.class)
                        .matching(e -> e.action().equals("auth.mfa.remove")
                                && account.id().equals(e.actorId())
                                && "last-factor".equals(e.reason())))
                .hasSize(1);
    }

    @Test
    void aPasswordAloneCannotEnrolAFactorOnAnAccountThatHasOne() {
        Workforce.Account account = Workforce.newAccount(server, Workforce.unique("staff"), "STAFF");
        Workforce attacker = Workforce.on(server);
        attacker.post("/api/v1/auth/login", body("username", account.username(), "password", account.password()));
        ProblemAssert.problem(attacker.post("/api/v1/auth/totp/enrollment", "{}"), 403, "mfa-required");
        ProblemAssert.problem(attacker.post("/api/v1/auth/webauthn/registration/options", "{}"), 403, "mfa-required");
    }

    @Test
    void recoveryCodesAreSingleUse() {
        String name = Workforce.unique("rc");
        Workforce.newUser(server, name, "recovery code passphrase", "STAFF");
        Workforce first = Workforce.on(server);
        first.post("/api/v1/auth/login", body("username", name, "password", "recovery code passphrase"));
        String secret = json(first.post("/api/v1/auth/totp/enrollment", "{}"))
                .path("secret")
                .asString();
        JsonNode confirmed =
                json(first.post("/api/v1/auth/totp/enrollment/confirm", body("code", Workforce.nextCode(secret))));
        String code = confirmed.path("recoveryCodes").get(3).asString();
        assertThat(code).matches("[a-z2-7]{4}-[a-z2-7]{4}-[a-z2-7]{4}-[a-z2-7]{4}");

        Workforce lostPhone = Workforce.on(server);
        lostPhone.post("/api/v1/auth/login", body("username", name, "password", "recovery code passphrase"));
        Workforce.expect(
                lostPhone.post("/api/v1/auth/recovery/verify", body("code", code.toUpperCase(java.util.Locale.ROOT))),
                200);
        assertThat(json(lostPhone.get("/api/v1/auth/session")).path("mfaMethod").asString())
                .isEqualTo("recovery-code");
        assertThat(json(lostPhone.get("/api/v1/auth/factors"))
                        .path("recoveryCodesRemaining")
                        .asInt())
                .isEqualTo(9);

        Workforce again = Workforce.on(server);
        again.post("/api/v1/auth/login", body("username", name, "password", "recovery code passphrase"));
        ProblemAssert.problem(again.post("/api/v1/auth/recovery/verify", body("code", code)), 400, "bad-code");
    }
}
