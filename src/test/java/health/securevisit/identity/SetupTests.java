package health.securevisit.identity;

import static health.securevisit.support.Workforce.body;
import static health.securevisit.support.Workforce.json;
import static org.assertj.core.api.Assertions.assertThat;

import health.securevisit.support.CapturedAuditEvents;
import health.securevisit.support.RunningServer;
import health.securevisit.support.Workforce;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** The first administrator through the one-time setup token. */
@ExtendWith(OutputCaptureExtension.class)
class SetupTests {

    @Test
    void theSetupTokenCreatesTheFirstAdministratorOnceAndIsDeleted(CapturedOutput output) throws Exception {
        try (RunningServer server = RunningServer.start(Map.of())) {
            Path token = server.dataDir().resolve("setup-token");
            assertThat(token).exists();
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(token)))
                    .isEqualTo("rw-------");
            assertThat(output.getOut()).contains("setup token").contains(token.toString());
            String secret = Files.readString(token).strip();
            assertThat(secret).hasSizeGreaterThanOrEqualTo(43);
            assertThat(output.getOut()).doesNotContain(secret);

            Workforce client = Workforce.on(server);
            ProblemAssert.problem(
                    client.post(
                            "/api/v1/setup",
                            body(
                                    "token",
                                    secret.substring(1) + "x",
                                    "username",
                                    "chief",
                                    "password",
                                    "first admin passphrase")),
                    403,
                    "setup-token-invalid");
            ProblemAssert.problem(
                    client.post(
                            "/api/v1/setup", body("token", secret, "username", "chief", "password", "password1234")),
                    400,
                    "password-rejected");
            assertThat(token).exists();

            Workforce.expect(
                    client.post(
                            "/api/v1/setup",
                            body("token", secret, "username", "chief", "password", "first admin passphrase")),
                    201);
            assertThat(token).doesNotExist();
            ProblemAssert.problem(
                    client.post(
                            "/api/v1/setup",
                            body("token", secret, "username", "second", "password", "second admin passphrase")),
                    409,
                    "setup-complete");

            // The new administrator has no factor yet: MFA enrolment comes before anything else.
            Workforce admin = Workforce.on(server);
            assertThat(json(admin.post(
                                    "/api/v1/auth/login",
                                    body("username", "chief", "password", "first admin passphrase")))
                            .path("next")
                            .asString())
                    .isEqualTo("mfa-enroll");
            ProblemAssert.problem(admin.get("/api/v1/users"), 403, "mfa-required");
            CapturedAuditEvents audit = server.context().getBean(CapturedAuditEvents.class);
            assertThat(audit.matching(e -> e.action().equals("identity.setup") && "bad-setup-token".equals(e.reason())))
                    .hasSize(1);
            assertThat(audit.matching(e -> e.action().equals("identity.setup") && "setup-token".equals(e.reason())))
                    .hasSize(1);
        }
    }
}
