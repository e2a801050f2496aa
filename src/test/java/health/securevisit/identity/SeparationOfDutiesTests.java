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
        RunningServer strict = StrictServer.get();
        Workforce client = Workforce.from(strict, "127.0.4.10");
        Workforce.Account admin = staleAdmin("sod.admin", client);
        Workforce.Account target = StrictServer.user(Workforce.unique("sod.target"), Role.AUDITOR);
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
    void creatingAnAccountNeedsAFreshSecondFactorToo() {
        RunningServer strict = StrictServer.get();
        Workforce client = Workforce.from(strict, "127.0.4.11");
        Workforce.Account admin = staleAdmin("sod.creator", client);
        String name = Workforce.unique("sod.created");
        String password = "a long passphrase " + UUID.randomUUID();
        String reason = "covering the night shift rota";
        for (String role : List.of("ADMIN", "CLINICIAN")) {
            ProblemAssert.problem(
                    client.post("/api/v1/users", newAccount(name, password, role, reason)), 403, "step-up-required");
        }
        String adminId = admin.id();
        assertThat(strict.context()
                        .getBean(CapturedAuditEvents.class)
                        .matching(e -> e.action().equals("identity.user.create")
                                && adminId.equals(e.actorId())
                                && e.outcome() == Outcome.DENIED
                                && "step-up-required".equals(e.reason())))
                .hasSize(2);
        assertThat(strict.context()
                        .getBean(CapturedAuditEvents.class)
                        .matching(e -> e.action().equals("identity.user.create")
                                && e.outcome() == Outcome.SUCCESS
                                && adminId.equals(e.actorId())))
                .as("nothing created")
                .isEmpty();
        client.stepUp(admin);
        Workforce.expect(
                client.post("/api/v1/users", body("username", name, "password", password, "roles", List.of("ADMIN"))),
                201);
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
                        client.post("/api/v1/users", newAccount(name, password, "CLINICIAN", reason)), 201))
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

    static String newAccount(String name, String password, String role, String reason) {
        return body("username", name, "password", password, "roles", List.of(role), "reason", reason);
    }

    /**
     * A new administrator on the strict server (step-up window 2 s, idle timeout 3 s), signed in on
     * {@code client} whose second factor is no longer fresh while the session still lives.
     */
    static Workforce.Account staleAdmin(String prefix, Workforce client) {
        Workforce.Account admin = StrictServer.user(Workforce.unique(prefix), Role.ADMIN);
        String secret = client.firstSignIn(admin.username(), admin.password());
        Workforce.sleep(Duration.ofMillis(1500));
        Workforce.expect(client.get("/api/v1/auth/session"), 200);
        Workforce.sleep(Duration.ofMillis(1000));
        return new Workforce.Account(admin.id(), admin.username(), admin.password(), secret);
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
