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
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Administrators manage personal accounts; every change is audited. */
class AccountAdministrationTests {

    final RunningServer server = TestServers.h2();
    final Workforce admin = Workforce.adminClient(server);

    @Test
    void createsPersonalAccountsWithUniqueNamesAndRoles() {
        String name = Workforce.unique("nurse");
        JsonNode created = json(Workforce.expect(
                admin.post(
                        "/api/v1/users",
                        body(
                                "username",
                                name,
                                "password",
                                "long enough passphrase 1",
                                "roles",
                                List.of("CLINICIAN", "STAFF"),
                                "reason",
                                "night shift nurse for the telehealth clinic")),
                201));
        assertThat(created.path("roles").toString()).isEqualTo("[\"CLINICIAN\",\"STAFF\"]");
        assertThat(created.path("enabled").asBoolean()).isTrue();
        assertThat(created.toString()).doesNotContain("password", "argon2");

        ProblemAssert.problem(
                admin.post(
                        "/api/v1/users",
                        body(
                                "username",
                                name.toUpperCase(java.util.Locale.ROOT),
                                "password",
                                "another long passphrase",
                                "roles",
                                List.of("STAFF"),
                                "reason",
                                Workforce.REASON)),
                409,
                "username-taken");
        ProblemAssert.problem(
                admin.post(
                        "/api/v1/users",
                        body(
                                "username",
                                "frontdesk",
                                "password",
                                "another long passphrase",
                                "roles",
                                List.of("STAFF"))),
                400,
                "invalid-username");
        ProblemAssert.problem(
                admin.post(
                        "/api/v1/users",
                        body("username", Workforce.unique("x"), "password", "qwerty123456", "roles", List.of("STAFF"))),
                400,
                "password-rejected");
        ProblemAssert.problem(
                admin.post(
                        "/api/v1/users",
                        body("username", Workforce.unique("x"), "password", "short", "roles", List.of("STAFF"))),
                400,
                "password-rejected");
        ProblemAssert.problem(
                admin.post(
                        "/api/v1/users",
                        body(
                                "username",
                                Workforce.unique("x"),
                                "password",
                                "long enough passphrase 2",
                                "roles",
                                List.of("ROOT"))),
                400,
                "invalid-body");

        JsonNode list = json(Workforce.expect(admin.get("/api/v1/users"), 200));
        assertThat(list.findValuesAsString("username")).contains(name, Workforce.ADMIN);
        AuditEvent event = audit().matching(e -> e.action().equals("identity.user.create")
                        && created.path("id").asString().equals(e.resourceId()))
                .getFirst();
        assertThat(event.reason()).isEqualTo("roles:CLINICIAN,STAFF");
        assertThat(event.actorId()).isEqualTo(Workforce.admin(server).id());
    }

    @Test
    void disablingAnAccountEndsItsSessionsAndReenablingRestoresSignIn() {
        Workforce.Account account = Workforce.newAccount(server, Workforce.unique("staff"), "STAFF");
        Workforce session = Workforce.on(server).signIn(account);
        Workforce.expect(session.get("/api/v1/auth/session"), 200);

        Workforce.expect(admin.put("/api/v1/users/" + account.id() + "/enabled", body("enabled", false)), 200);
        ProblemAssert.problem(session.get("/api/v1/auth/session"), 401, "unauthenticated");
        ProblemAssert.problem(
                Workforce.on(server)
                        .post(
                                "/api/v1/auth/login",
                                body("username", account.username(), "password", account.password())),
                400,
                "bad-credentials");

        Workforce.expect(admin.put("/api/v1/users/" + account.id() + "/enabled", body("enabled", true)), 200);
        Workforce.on(server).signIn(account);

        CapturedAuditEvents audit = audit();
        assertThat(audit.matching(e -> e.action().equals("identity.user.disable")
                        && account.id().equals(e.resourceId())))
                .hasSize(1);
        assertThat(audit.matching(e -> e.action().equals("identity.user.enable")
                        && account.id().equals(e.resourceId())))
                .hasSize(1);
        assertThat(audit.matching(e -> e.action().equals("auth.session.end")
                        && account.id().equals(e.actorId())
                        && "account-disabled".equals(e.reason())))
                .hasSize(1);
        assertThat(audit.matching(e -> e.action().equals("auth.login")
                        && account.id().equals(e.actorId())
                        && e.outcome() == Outcome.DENIED
                        && "account-disabled".equals(e.reason())))
                .hasSize(1);
    }

    @Test
    void roleChangesApplyToOpenSessionsAndAreAudited() {
        Workforce.Account account = Workforce.newAccount(server, Workforce.unique("officer"), "STAFF");
        Workforce session = Workforce.on(server).signIn(account);
        ProblemAssert.problem(session.get("/api/v1/users"), 403, "forbidden");
        admin.stepUp(Workforce.admin(server));

        Workforce.expect(
                admin.put(
                        "/api/v1/users/" + account.id() + "/roles",
                        body("roles", List.of("ADMIN", "SECURITY_OFFICER"))),
                200);
        Workforce.expect(session.get("/api/v1/users"), 200);
        assertThat(json(session.get("/api/v1/auth/session")).path("roles").toString())
                .isEqualTo("[\"ADMIN\",\"SECURITY_OFFICER\"]");
        assertThat(audit().matching(e -> e.action().equals("identity.user.roles")
                        && account.id().equals(e.resourceId())
                        && "roles:ADMIN,SECURITY_OFFICER".equals(e.reason())))
                .hasSize(1);
        ProblemAssert.problem(
                admin.put("/api/v1/users/" + account.id() + "/roles", body("roles", List.of())),
                400,
                "invalid-request");
    }

    @Test
    void theLastEnabledAdministratorCannotBeDisabledOrDemoted() {
        String adminId = Workforce.admin(server).id();
        JsonNode users = json(admin.get("/api/v1/users"));
        long enabledAdmins = 0;
        for (JsonNode u : users) {
            if (u.path("enabled").asBoolean() && u.path("roles").toString().contains("ADMIN")) {
                enabledAdmins++;
            }
        }
        admin.stepUp(Workforce.admin(server));
        if (enabledAdmins == 1) {
            ProblemAssert.problem(
                    admin.put("/api/v1/users/" + adminId + "/enabled", body("enabled", false)), 409, "last-admin");
            ProblemAssert.problem(
                    admin.put("/api/v1/users/" + adminId + "/roles", body("roles", List.of("AUDITOR"))),
                    409,
                    "last-admin");
        } else {
            // Another test made a second administrator: demote it and check the rule on the first.
            for (JsonNode u : users) {
                if (!u.path("id").asString().equals(adminId)
                        && u.path("roles").toString().contains("ADMIN")) {
                    Workforce.expect(
                            admin.put("/api/v1/users/" + u.path("id").asString() + "/enabled", body("enabled", false)),
                            200);
                }
            }
            ProblemAssert.problem(
                    admin.put("/api/v1/users/" + adminId + "/enabled", body("enabled", false)), 409, "last-admin");
        }
        ProblemAssert.problem(
                admin.put("/api/v1/users/" + UUID.randomUUID() + "/enabled", body("enabled", false)),
                404,
                "user-not-found");
    }

    @Test
    void noAuditEventCarriesAPasswordOrCode() {
        Workforce.Account account = Workforce.newAccount(server, Workforce.unique("clin"), "CLINICIAN");
        Workforce.on(server)
                .post(
                        "/api/v1/auth/login",
                        body("username", account.username(), "password", "wrong " + account.password()));
        Workforce.on(server).signIn(account);
        for (AuditEvent event : audit().events()) {
            assertThat(event.toString())
                    .doesNotContain(account.password())
                    .doesNotContain(Workforce.ADMIN_PASSWORD)
                    .doesNotContain(account.totpSecret());
        }
    }

    CapturedAuditEvents audit() {
        return server.context().getBean(CapturedAuditEvents.class);
    }
}
