package health.securevisit.device;

import static health.securevisit.support.Workforce.body;
import static health.securevisit.support.Workforce.expect;
import static health.securevisit.support.Workforce.json;
import static org.assertj.core.api.Assertions.assertThat;

import health.securevisit.support.RunningServer;
import health.securevisit.support.TestServers;
import health.securevisit.support.Workforce;
import java.net.http.HttpResponse;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Revoking a device as a containment action of an incident (the incident module through
 * {@link DeviceRevocation}): the sessions proved on the device are refused afterwards, the device is
 * recorded as involved, the action is on the timeline and audited; a clinician cannot do it.
 */
class DeviceRevocationFromIncidentTests {

    final RunningServer server = TestServers.h2();

    @Test
    void revokingADeviceFromTheIncidentPageEndsItsSessions() {
        Workforce.Account officerAccount =
                Workforce.newAccount(server, Workforce.unique("rev.officer"), "SECURITY_OFFICER");
        Workforce officer = Workforce.on(server).signIn(officerAccount);
        Workforce.Account owner = Workforce.newAccount(server, Workforce.unique("rev.clin"), "CLINICIAN");
        Workforce session = Workforce.on(server).signIn(owner);
        String serial = "SN-" + UUID.randomUUID();
        String deviceId = json(expect(
                        officer.post(
                                "/api/v1/devices",
                                body(
                                        "ownerId", owner.id(),
                                        "name", "Phone",
                                        "kind", "PHONE",
                                        "ownership", "BYOD",
                                        "osName", "iOS",
                                        "osVersion", "17.5",
                                        "serialNumber", serial)),
                        201))
                .path("id")
                .asString();
        DeviceKey key = DeviceKey.generate(deviceId);
        expect(key.bind(session), 200);
        key.prove(session);
        expect(session.get("/api/v1/devices/mine"), 200);
        Workforce other = Workforce.on(server).signIn(owner);
        expect(other.get("/api/v1/auth/session"), 200);

        String incident = json(expect(
                        officer.post(
                                "/api/v1/incidents",
                                body("title", "Lost phone", "severity", "HIGH", "zone", "Europe/Berlin")),
                        201))
                .path("id")
                .asString();
        String path = "/api/v1/incidents/" + incident;
        expect(session.post(path + "/containment", body("action", "REVOKE_DEVICE", "target", deviceId)), 403);
        JsonNode done = json(
                expect(officer.post(path + "/containment", body("action", "REVOKE_DEVICE", "target", deviceId)), 200));
        assertThat(done.path("note").asString()).contains("device revoked", "SELECTIVE_WIPE");

        HttpResponse<String> next = session.get("/api/v1/devices/mine");
        assertThat(next.statusCode()).isEqualTo(401);
        assertThat(json(next).path("code").asString()).isEqualTo("device-revoked");
        expect(session.get("/api/v1/auth/session"), 401);
        // a session that never proved the device is not the device's: it stays
        expect(other.get("/api/v1/auth/session"), 200);

        JsonNode view = json(expect(officer.get(path), 200));
        assertThat(view.path("subjects").toString()).contains("DEVICE", deviceId);
        assertThat(view.path("timeline").toString()).contains("containment", "device revoked");
        JsonNode audit = json(expect(officer.get("/api/v1/audit/events?size=200&userId=" + officerAccount.id()), 200));
        assertThat(audit.toString()).contains("incident.contain", "REVOKE_DEVICE", "device.binding.revoke", deviceId);
        // again: the wipe already queued, nothing new
        expect(officer.post(path + "/containment", body("action", "REVOKE_DEVICE", "target", deviceId)), 200);
    }
}
