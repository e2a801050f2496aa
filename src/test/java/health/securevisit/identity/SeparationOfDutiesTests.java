package health.securevisit.identity;

import static health.securevisit.support.Workforce.body;
import static health.securevisit.support.Workforce.json;
import static org.assertj.core.api.Assertions.assertThat;

import health.securevisit.audit.Outcome;
import health.securevisit.support.CapturedAuditEvents;
import health.securevisit.support.RunningServer;
import health.securevisit.support.TestServers;
import health.securevisit.support.Workforce;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Separation of duties in account administration: role changes need a fresh second factor, nobody
 * gives themselves a role that sees PHI, such grants raise a security alert, and an account created
 * with such a role records who gave it and why.
 */
class SeparationOfDutiesTests {

    final RunningServer server = TestServers.h2();

    @Test
    void roleChangesNeedAFreshSecondFactor() {
        // Strict server: step-up window 2 s, idle timeout 3 s.
        RunningServer strict = StrictServer.get();
        Workforce.Account admin = StrictServer.user(Workforce.unique("sod.admin"), Role.ADMIN);
        Workforce.Account target = StrictServer.user(Workforce.unique("sod.target"), Role.AUDITOR);
        Workforce client = Workforce.from(strict, "127.0.4.10");
        admin = new Workforce.Account(
                admin.id(), admin.username(), admin.password(), client.firstSignIn(admin.username(), admin.password()));
        Workforce.sleep(Duration.ofMillis(1500));
        Workforce.expect(client.get("/api/v1/auth/session"), 200);
        Workforce.sleep(Duration.ofMillis(1000));
        ProblemAssert.problem(
                client.put("/api/v1/users/" + target.id() + "/roles", body("roles", List.of("SECURITY_OFFICER"))),
                403,
                "step-up-required");
        assertThat(strict.context()
                        .getBean(CapturedAuditEvents.class)
                        .matching(e -> e.action().equals("identity.user.roles")
                                && target.id().equals(e.resourceId())
                                && e.outcome() == Outcome.DENIED
                                && "step-up-required".equals(e.reason())))
                .hasSize(1);
        client.stepUp(admin);
        assertThat(json(Workforce.expect(
                                client.put(
                                        "/api/v1/users/" + target.id() + "/roles",
                                        body("roles", List.of("SECURITY_OFFICER"))),
                                200))
                        .path("roles")
                        .toString())
                .isEqualTo("[\"SECURITY_OFFICER\"]");
    }

    @Test
    void anAdministratorCannotGiveThemselvesARoleThatSeesPhi() {
        Workforce client = Workforce.on(server);
        Workforce.Account self = freshAdmin("selfgrant", client);
        for (String role : List.of("CLINICIAN", "STAFF")) {
            ProblemAssert.problem(
                    client.put("/api/v1/users/" + self.id() + "/roles", body("roles", List.of("ADMIN", role))),
                    403,
                    "self-grant-refused");
        }
        assertThat(json(client.get("/api/v1/auth/session")).path("roles").toString())
                .isEqualTo("[\"ADMIN\"]");
        assertThat(audit().matching(e -> e.action().equals("identity.user.roles")
                        && self.id().equals(e.resourceId())
                        && e.outcome() == Outcome.DENIED
                        && "self-grant-refused".equals(e.reason())))
                .hasSize(2);
        assertThat(alerts("phi-role-granted", self.id())).isZero();
        // A role that sees no PHI may still be added to one's own account.
        Workforce.expect(
                client.put("/api/v1/users/" + self.id() + "/roles", body("roles", List.of("ADMIN", "AUDITOR"))), 200);
    }

    @Test
    void grantingARoleThatSeesPhiRaisesASecurityAlert() {
        Workforce client = Workforce.on(server);
        Workforce.Account admin = freshAdmin("granter", client);
        Workforce.Account auditor = Workforce.newAccount(server, Workforce.unique("promoted"), "AUDITOR");
        Workforce.expect(
                client.put("/api/v1/users/" + auditor.id() + "/roles", body("roles", List.of("AUDITOR", "CLINICIAN"))),
                200);
        awaitAlert("phi-role-granted", admin.id());
        assertThat(audit().matching(e -> e.action().equals("identity.role.grant")
                        && admin.id().equals(e.actorId())
                        && "roles:CLINICIAN".equals(e.reason())))
                .hasSize(1);
    }

    @Test
    void creatingAnAccountWithARoleThatSeesPhiNeedsAReasonAndRecordsIt() {
        Workforce client = Workforce.on(server);
        Workforce.Account admin = freshAdmin("creator", client);
        String name = Workforce.unique("newclin");
        String password = "a long passphrase " + UUID.randomUUID();
        ProblemAssert.problem(
                client.post(
                        "/api/v1/users", body("username", name, "password", password, "roles", List.of("CLINICIAN"))),
                400,
                "reason-required");
        for (String bad : List.of(
                "short",
                "covering \u202Egnirts desrever\u202C shifts",
                "\u200B\u200B\u200B\u200B\u200B\u200B\u200B\u200B\u200B\u200B\u200Bab",
                "line one\u0007 bell character here")) {
            ProblemAssert.problem(
                    client.post(
                            "/api/v1/users",
                            body("username", name, "password", password, "roles", List.of("STAFF"), "reason", bad)),
                    400,
                    "invalid-reason");
        }
        assertThat(json(client.get("/api/v1/users")).findValuesAsString("username"))
                .as("nothing half-applied")
                .doesNotContain(name);
        assertThat(audit().matching(e -> e.action().equals("identity.user.create")
                        && admin.id().equals(e.actorId())
                        && e.outcome() == Outcome.DENIED))
                .extracting(e -> e.reason())
                .containsExactly(
                        "reason-required", "invalid-reason", "invalid-reason", "invalid-reason", "invalid-reason");

        String reason = "Cafe\u0301 clinic locum covering December";
        String id = json(Workforce.expect(
                        client.post(
                                "/api/v1/users",
                                body(
                                        "username",
                                        name,
                                        "password",
                                        password,
                                        "roles",
                                        List.of("CLINICIAN"),
                                        "reason",
                                        reason)),
                        201))
                .path("id")
                .asString();
        JdbcClient jdbc = jdbc();
        byte[] stored = jdbc.sql("SELECT reason FROM identity_role_grant WHERE user_id = ? AND granted_by = ?")
                .params(UUID.fromString(id), UUID.fromString(admin.id()))
                .query(byte[].class)
                .single();
        assertThat(new String(stored, java.nio.charset.StandardCharsets.ISO_8859_1))
                .doesNotContain("clinic locum");
        assertThat(audit().matching(e -> e.action().equals("identity.user.create")
                        && id.equals(e.resourceId())
                        && admin.id().equals(e.actorId())
                        && e.outcome() == Outcome.SUCCESS))
                .hasSize(1);
        awaitAlert("phi-role-granted", admin.id());
    }

    /** A new administrator, signed in on {@code client} with a second factor just enrolled. */
    Workforce.Account freshAdmin(String prefix, Workforce client) {
        String name = Workforce.unique(prefix);
        String password = "administrator passphrase " + UUID.randomUUID();
        String id = Workforce.newUser(server, name, password, "ADMIN");
        return new Workforce.Account(id, name, password, client.firstSignIn(name, password));
    }

    void awaitAlert(String kind, String actorId) {
        Instant deadline = Instant.now().plusSeconds(20);
        while (alerts(kind, actorId) == 0 && Instant.now().isBefore(deadline)) {
            Workforce.sleep(Duration.ofMillis(200));
        }
        assertThat(alerts(kind, actorId)).isEqualTo(1);
    }

    long alerts(String kind, String actorId) {
        return jdbc().sql("SELECT COUNT(*) FROM security_alert WHERE kind = ? AND actor_id = ?")
                .params(kind, UUID.fromString(actorId))
                .query(Long.class)
                .single();
    }

    JdbcClient jdbc() {
        return JdbcClient.create(server.context().getBean(DataSource.class));
    }

    CapturedAuditEvents audit() {
        return server.context().getBean(CapturedAuditEvents.class);
    }
}
