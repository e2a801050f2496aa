package health.securevisit.identity;

import static health.securevisit.support.Workforce.body;
import static health.securevisit.support.Workforce.json;
import static org.assertj.core.api.Assertions.assertThat;

import health.securevisit.audit.AuditEvent;
import health.securevisit.audit.Outcome;
import health.securevisit.support.CapturedAuditEvents;
import health.securevisit.support.RunningServer;
import health.securevisit.support.TestServers;
import health.securevisit.support.Workforce;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/** The scriptable sign-in walk over real HTTPS, on H2 and on PostgreSQL. */
class SignInFlowTests {

    static Stream<RunningServer> servers() {
        return Stream.of(TestServers.h2(), TestServers.postgres());
    }

    @ParameterizedTest(autoCloseArguments = false)
    @MethodSource("servers")
    void firstSignInMustEnrolMfaBeforeAnythingElse(RunningServer server) {
        String name = Workforce.unique("clin");
        String password = "a long passphrase, " + UUID.randomUUID();
        Workforce.newUser(server, name, password, "CLINICIAN");

        Workforce user = Workforce.on(server);
        JsonNode login = json(user.post("/api/v1/auth/login", body("username", name, "password", password)));
        assertThat(login.path("next").asString()).isEqualTo("mfa-enroll");
        String afterPassword = user.cookie("__Host-SVSESSION").orElseThrow().getValue();
        assertThat(afterPassword).isNotBlank();

        // With a password alone nothing but the MFA steps is reachable.
        ProblemAssert.problem(user.get("/api/v1/users"), 403, "mfa-required");
        ProblemAssert.problem(user.get("/api/v1/anything"), 403, "mfa-required");
        // Signing in anew stays possible and replaces the half-finished session.
        assertThat(json(user.post("/api/v1/auth/login", body("username", name, "password", password)))
                        .path("next")
                        .asString())
                .isEqualTo("mfa-enroll");
        afterPassword = user.cookie("__Host-SVSESSION").orElseThrow().getValue();
        JsonNode half = json(user.get("/api/v1/auth/session"));
        assertThat(half.path("mfaSatisfied").asBoolean()).isFalse();
        assertThat(half.path("roles")).isEmpty();
        assertThat(half.path("next").asString()).isEqualTo("mfa-enroll");

        JsonNode started = json(Workforce.expect(user.post("/api/v1/auth/totp/enrollment", "{}"), 200));
        String secret = started.path("secret").asString();
        assertThat(started.path("otpauthUri").asString())
                .startsWith("otpauth://totp/SecureVisit%3A" + name + "?secret=" + secret)
                .contains("issuer=SecureVisit", "digits=6", "period=30");
        assertThat(started.path("qrCode").asString()).startsWith("data:image/svg+xml;base64,");

        ProblemAssert.problem(
                user.post("/api/v1/auth/totp/enrollment/confirm", body("code", "000000")), 400, "bad-code");
        JsonNode confirmed = json(Workforce.expect(
                user.post("/api/v1/auth/totp/enrollment/confirm", body("code", Workforce.nextCode(secret))), 200));
        assertThat(confirmed.path("next").asString()).isEqualTo("done");
        assertThat(confirmed.path("recoveryCodes")).hasSize(10);
        assertThat(user.cookie("__Host-SVSESSION").orElseThrow().getValue()).isNotEqualTo(afterPassword);

        JsonNode session = json(user.get("/api/v1/auth/session"));
        assertThat(session.path("username").asString()).isEqualTo(name);
        assertThat(session.path("roles").toString()).isEqualTo("[\"CLINICIAN\"]");
        assertThat(session.path("mfaMethod").asString()).isEqualTo("totp");
        assertThat(session.path("mfaAt").asString()).isNotBlank();
        // A clinician is no administrator.
        ProblemAssert.problem(user.get("/api/v1/users"), 403, "forbidden");
    }

    @ParameterizedTest(autoCloseArguments = false)
    @MethodSource("servers")
    void secondSignInVerifiesTotpOnceAndRotatesTheSession(RunningServer server) {
        Workforce.Account account = Workforce.newAccount(server, Workforce.unique("staff"), "STAFF");
        Workforce client = Workforce.on(server);
        Workforce.expect(client.get("/api/v1/auth/csrf"), 200);
        String anonymous =
                client.cookie("__Host-SVSESSION").map(c -> c.getValue()).orElse("none");
        JsonNode login = json(client.post(
                "/api/v1/auth/login", body("username", account.username(), "password", account.password())));
        assertThat(login.path("next").asString()).isEqualTo("mfa-verify");
        String afterPassword = client.cookie("__Host-SVSESSION").orElseThrow().getValue();
        assertThat(afterPassword).isNotEqualTo(anonymous);

        ProblemAssert.problem(client.post("/api/v1/auth/totp/verify", body("code", "123456")), 400, "bad-code");
        String code = Workforce.nextCode(account.totpSecret());
        Workforce.expect(client.post("/api/v1/auth/totp/verify", body("code", code)), 200);
        assertThat(client.cookie("__Host-SVSESSION").orElseThrow().getValue()).isNotEqualTo(afterPassword);
        assertThat(json(client.get("/api/v1/auth/session")).path("mfaSatisfied").asBoolean())
                .isTrue();

        // The same code again, on a new sign-in, is a replay.
        Workforce again = Workforce.on(server);
        Workforce.expect(
                again.post("/api/v1/auth/login", body("username", account.username(), "password", account.password())),
                200);
        ProblemAssert.problem(again.post("/api/v1/auth/totp/verify", body("code", code)), 400, "bad-code");
        List<AuditEvent> replays = audit(server)
                .matching(e -> e.action().equals("auth.mfa.verify")
                        && account.id().equals(e.actorId())
                        && "replayed-code".equals(e.reason()));
        assertThat(replays).hasSize(1);
        assertThat(replays.getFirst().outcome()).isEqualTo(Outcome.DENIED);
    }

    @ParameterizedTest(autoCloseArguments = false)
    @MethodSource("servers")
    void logoutEndsTheServerSession(RunningServer server) {
        Workforce.Account account = Workforce.newAccount(server, Workforce.unique("aud"), "AUDITOR");
        Workforce client = Workforce.on(server).signIn(account);
        String sessionCookie = client.cookie("__Host-SVSESSION").orElseThrow().getValue();
        assertThat(client.post("/api/v1/auth/logout", "{}").statusCode()).isEqualTo(204);
        // Replaying the old cookie gets nothing: the session is gone on the server.
        HttpResponse<String> replay = server.send(HttpRequest.newBuilder(server.uri("/api/v1/auth/session"))
                .header("Cookie", "__Host-SVSESSION=" + sessionCookie)
                .GET());
        ProblemAssert.problem(replay, 401, "unauthenticated");
        assertThat(audit(server)
                        .matching(e ->
                                e.action().equals("auth.logout") && account.id().equals(e.actorId())))
                .hasSize(1);
    }

    @ParameterizedTest(autoCloseArguments = false)
    @MethodSource("servers")
    void stepUpWithANewCodeRefreshesTheMfaTimeAndRotatesTheSession(RunningServer server) {
        String name = Workforce.unique("step");
        String password = "a long passphrase, " + UUID.randomUUID();
        String id = Workforce.newUser(server, name, password, "CLINICIAN");
        Workforce client = Workforce.on(server);
        Workforce.Account account = new Workforce.Account(id, name, password, client.firstSignIn(name, password));
        String before = json(client.get("/api/v1/auth/session")).path("mfaAt").asString();
        String cookie = client.cookie("__Host-SVSESSION").orElseThrow().getValue();
        Workforce.expect(
                client.post("/api/v1/auth/totp/verify", body("code", Workforce.nextCode(account.totpSecret()))), 200);
        JsonNode after = json(client.get("/api/v1/auth/session"));
        assertThat(java.time.Instant.parse(after.path("mfaAt").asString())).isAfter(java.time.Instant.parse(before));
        assertThat(client.cookie("__Host-SVSESSION").orElseThrow().getValue()).isNotEqualTo(cookie);
        assertThat(audit(server)
                        .matching(e -> e.action().equals("auth.step-up")
                                && account.id().equals(e.actorId())))
                .hasSize(1);
    }

    @ParameterizedTest(autoCloseArguments = false)
    @MethodSource("servers")
    void theOpenApiDocumentDescribesTheIdentityApi(RunningServer server) {
        JsonNode paths = json(server.get("/api/v1/openapi.json")).path("paths");
        for (String path : List.of(
                "/api/v1/auth/login",
                "/api/v1/auth/totp/enrollment",
                "/api/v1/auth/totp/enrollment/confirm",
                "/api/v1/auth/totp/verify",
                "/api/v1/auth/logout",
                "/api/v1/auth/session",
                "/api/v1/auth/factors",
                "/api/v1/users",
                "/api/v1/setup",
                "/api/v1/auth/webauthn/authentication")) {
            assertThat(paths.has(path)).as(path).isTrue();
        }
    }

    static CapturedAuditEvents audit(RunningServer server) {
        return server.context().getBean(CapturedAuditEvents.class);
    }
}
