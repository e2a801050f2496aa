package health.securevisit.compliance;

import static health.securevisit.support.Workforce.expect;
import static health.securevisit.support.Workforce.json;
import static org.assertj.core.api.Assertions.assertThat;

import health.securevisit.support.RunningServer;
import health.securevisit.support.TestServers;
import health.securevisit.support.Workforce;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The report's evidence sources on PostgreSQL: every source answers, none fails to run. */
class ComplianceOnPostgresTests {

    @Test
    void everySourceAnswersOnPostgres() {
        RunningServer server = TestServers.postgres();
        Workforce.Account account = Workforce.newAccount(server, Workforce.unique("officer"), "SECURITY_OFFICER");
        Workforce officer = Workforce.on(server).signIn(account);
        JsonNode r = json(expect(officer.get("/api/v1/compliance/report?refresh=true"), 200));
        assertThat(r.path("sourceErrors").size())
                .as(r.path("sourceErrors").toString())
                .isZero();
        assertThat(r.path("checks").toString())
                .contains(
                        "audit.checkpoint-fresh",
                        "network.tls-self-scan",
                        "keys.encryption-coverage",
                        "identity.mfa-phishing-resistant",
                        "device.compliance",
                        "vendor.baa-current",
                        "risk.assessment-current",
                        "incident.response-plan",
                        "backup.restore-drill-current")
                .contains("account:" + account.id());
    }
}
