package health.securevisit.identity;

import static health.securevisit.support.Workforce.body;
import static health.securevisit.support.Workforce.expect;
import static health.securevisit.support.Workforce.json;
import static org.assertj.core.api.Assertions.assertThat;

import health.securevisit.support.RunningServer;
import health.securevisit.support.TestServers;
import health.securevisit.support.Workforce;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Scheduling picks care teams from the directory of enabled clinicians: ids and usernames only. */
class ClinicianDirectoryTests {

    final RunningServer server = TestServers.h2();

    @Test
    void staffAndCliniciansSeeEnabledCliniciansOnlyAndOthersAreRefused() {
        String active = Workforce.unique("dir.active");
        String activeId = Workforce.newUser(server, active, "a long passphrase, directory 1", "CLINICIAN");
        String disabled = Workforce.unique("dir.disabled");
        String disabledId = Workforce.newUser(server, disabled, "a long passphrase, directory 2", "CLINICIAN");
        String staffOnly = Workforce.unique("dir.staff");
        Workforce.newUser(server, staffOnly, "a long passphrase, directory 3", "STAFF");
        expect(
                Workforce.adminClient(server).put("/api/v1/users/" + disabledId + "/enabled", body("enabled", false)),
                200);

        Workforce staff =
                Workforce.on(server).signIn(Workforce.newAccount(server, Workforce.unique("dir.reader"), "STAFF"));
        JsonNode clinicians = json(expect(staff.get("/api/v1/clinicians"), 200)).path("clinicians");
        List<String> names =
                clinicians.valueStream().map(c -> c.path("username").asString()).toList();
        assertThat(names).contains(active).doesNotContain(disabled, staffOnly);
        JsonNode entry = clinicians
                .valueStream()
                .filter(c -> c.path("username").asString().equals(active))
                .findFirst()
                .orElseThrow();
        assertThat(entry.path("id").asString()).isEqualTo(activeId);
        assertThat(entry.propertyNames()).containsExactlyInAnyOrder("id", "username");

        assertThat(Workforce.adminClient(server).get("/api/v1/clinicians").statusCode())
                .isEqualTo(403);
        assertThat(server.get("/api/v1/clinicians").statusCode()).isEqualTo(401);
    }
}
