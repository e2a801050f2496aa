package health.securevisit.device;

import static health.securevisit.device.DeviceApiTests.assertDeviceRefused;
import static health.securevisit.device.DeviceApiTests.officer;
import static health.securevisit.device.DeviceApiTests.report;
import static health.securevisit.device.DeviceApiTests.server;
import static health.securevisit.support.Workforce.body;
import static health.securevisit.support.Workforce.expect;
import static health.securevisit.support.Workforce.json;
import static org.assertj.core.api.Assertions.assertThat;

import health.securevisit.audit.Outcome;
import health.securevisit.room.RoomTestClock;
import health.securevisit.support.CapturedAuditEvents;
import health.securevisit.support.Workforce;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Recorded posture exceptions against a real server on H2 (DENY for unknown devices): only a security
 * officer grants, lists and revokes them; bad grants are refused whole and audited; a device failing
 * a check reads the chart while an exception for that check counts, and is refused again after the
 * exception's expiry (the server's clock moved forward) or its revocation.
 */
class PostureExceptionTests {

    static final String EXCEPTIONS = "/api/v1/device-posture/exceptions";

    @BeforeAll
    static void start() throws Exception {
        DeviceApiTests.start();
    }

    @AfterAll
    static void stop() {
        DeviceApiTests.stop();
    }

    @AfterEach
    void resetClock() {
        clock().reset();
    }

    static RoomTestClock.OffsetClock clock() {
        return server.context().getBean(RoomTestClock.OffsetClock.class);
    }

    /** The server's now (the platform clock, moved by the test). */
    static Instant now() {
        return server.context().getBean(Clock.class).instant();
    }

    static HttpResponse<String> grant(Workforce by, Map<String, Object> fields) {
        return by.post(EXCEPTIONS, Workforce.JSON.writeValueAsString(fields));
    }

    static Map<String, Object> forDevice(String deviceId, String check, Instant expiresAt) {
        Map<String, Object> fields = new HashMap<>();
        fields.put("deviceId", deviceId);
        fields.put("check", check);
        fields.put("reason", "Encryption rollout for this model waits on the vendor patch");
        fields.put("expiresAt", expiresAt.toString());
        return fields;
    }

    static String code(HttpResponse<String> response, int status) {
        return json(expect(response, status)).path("code").asString();
    }

    static int exceptionCount() {
        return json(expect(officer.get(EXCEPTIONS + "?size=500"), 200))
                .path("exceptions")
                .size();
    }

    CapturedAuditEvents audit() {
        return server.context().getBean(CapturedAuditEvents.class);
    }

    @Test
    void anExceptionLetsAFailingDeviceReadTheChartUntilItIsRevokedOrExpires() {
        DeviceApiTests.World w = DeviceApiTests.clinic();
        Workforce clinician = w.clinician().client();
        String device = w.clinician().deviceId();
        expect(report(w.clinician().serial(), 30, now().minusSeconds(10)), 202);
        assertDeviceRefused(clinician.get(w.chart()), "screen-lock");

        JsonNode first =
                json(expect(grant(officer, forDevice(device, "screen-lock", now().plus(Duration.ofDays(1)))), 201));
        assertThat(first.path("state").asString()).isEqualTo("ACTIVE");
        expect(clinician.get(w.chart()), 200);
        JsonNode session = json(expect(clinician.get("/api/v1/devices/session"), 200));
        assertThat(session.path("posture").asString()).isEqualTo("COMPLIANT");

        String firstId = first.path("id").asString();
        JsonNode revoked = json(expect(officer.post(EXCEPTIONS + "/" + firstId + "/revoke", "{}"), 200));
        assertThat(revoked.path("state").asString()).isEqualTo("REVOKED");
        assertThat(revoked.path("revokedAt").isNull()).isFalse();
        assertDeviceRefused(clinician.get(w.chart()), "screen-lock");
        assertThat(code(officer.post(EXCEPTIONS + "/" + firstId + "/revoke", "{}"), 409))
                .isEqualTo("exception-not-active");

        JsonNode second =
                json(expect(grant(officer, forDevice(device, "screen-lock", now().plus(Duration.ofMinutes(2)))), 201));
        expect(clinician.get(w.chart()), 200);
        clock().advance(Duration.ofMinutes(3));
        assertDeviceRefused(clinician.get(w.chart()), "screen-lock");
        JsonNode listed =
                json(expect(officer.get(EXCEPTIONS + "?size=500"), 200)).path("exceptions");
        assertThat(listed.valueStream()
                        .filter(e -> device.equals(e.path("deviceId").asString()))
                        .map(e ->
                                e.path("id").asString() + ":" + e.path("state").asString()))
                .containsExactlyInAnyOrder(
                        firstId + ":REVOKED", second.path("id").asString() + ":EXPIRED");
        assertThat(json(expect(officer.get(EXCEPTIONS + "?active=true&size=500"), 200))
                        .path("exceptions")
                        .valueStream()
                        .map(e -> e.path("deviceId").asString()))
                .doesNotContain(device);
        assertThat(code(officer.post(EXCEPTIONS + "/" + second.path("id").asString() + "/revoke", "{}"), 409))
                .isEqualTo("exception-not-active");

        assertThat(audit().matching(e -> e.action().startsWith("device.exception.") && e.outcome() == Outcome.SUCCESS))
                .extracting(e -> e.action())
                .contains("device.exception.grant", "device.exception.revoke", "device.exception.list");
    }

    @Test
    void aGroupExceptionCoversEveryDeviceOfTheGroupOnly() {
        String os = "LegacyOS" + Long.toString(System.nanoTime(), 36);
        Workforce.Account account = Workforce.newAccount(server, Workforce.unique("dev.group"), "STAFF");
        Workforce client = Workforce.on(server).signIn(account);
        String serial = "SN-" + UUID.randomUUID();
        String device = json(expect(
                        officer.post(
                                "/api/v1/devices",
                                body(
                                        "ownerId",
                                        account.id(),
                                        "name",
                                        "Old tablet",
                                        "kind",
                                        "TABLET",
                                        "ownership",
                                        "BYOD",
                                        "osName",
                                        os,
                                        "osVersion",
                                        "3.1",
                                        "serialNumber",
                                        serial,
                                        "mdmId",
                                        "t-" + serial)),
                        201))
                .path("id")
                .asString();
        DeviceKey key = DeviceKey.generate(device);
        expect(key.bind(client), 200);
        key.prove(client);
        expect(report(serial, 5, now().minusSeconds(30)), 202);
        assertThat(failing(client))
                .as("no minimum OS version is configured for it")
                .containsExactly("os-version");

        Map<String, Object> group = new HashMap<>();
        group.put("group", Map.of("osName", os.toLowerCase(java.util.Locale.ROOT), "ownership", "BYOD"));
        group.put("check", "os-version");
        group.put("reason", "Clinic tablets stay on this OS until the replacement arrives");
        group.put("expiresAt", now().plus(Duration.ofDays(30)).toString());
        JsonNode granted = json(expect(grant(officer, group), 201));
        assertThat(granted.path("deviceId").isNull()).isTrue();
        assertThat(granted.path("group").path("ownership").asString()).isEqualTo("BYOD");
        assertThat(failing(client)).isEmpty();

        Map<String, Object> otherGroup = new HashMap<>(group);
        otherGroup.put("group", Map.of("osName", os, "ownership", "ORGANISATION"));
        expect(grant(officer, otherGroup), 201);
        expect(officer.post(EXCEPTIONS + "/" + granted.path("id").asString() + "/revoke", "{}"), 200);
        assertThat(failing(client))
                .as("an exception for the organisation's devices of that OS does not cover a BYOD one")
                .containsExactly("os-version");
    }

    @Test
    void theOfficersDevicePageOffersTheExceptionControl() {
        HttpResponse<String> page = expect(officer.get("/security/devices"), 200);
        assertThat(page.body())
                .contains("id=\"exception-form\"", "id=\"exceptions\"", "<option value=\"screen-lock\">")
                .doesNotContain("<option value=\"device-not-bound\">");
        DeviceApiTests.Member m = DeviceApiTests.member("STAFF", "BYOD");
        assertThat(m.client().get("/security/devices").body())
                .as("other roles are sent to their own device page")
                .doesNotContain("exception-form");
    }

    static java.util.List<String> failing(Workforce client) {
        return json(expect(client.get("/api/v1/devices/session"), 200))
                .path("failingChecks")
                .valueStream()
                .map(JsonNode::asString)
                .toList();
    }

    @Test
    void badGrantsAreRefusedWholeAndAudited() {
        DeviceApiTests.Member m = DeviceApiTests.member("CLINICIAN", "ORGANISATION");
        String device = m.deviceId();
        int before = exceptionCount();
        Instant soon = now().plus(Duration.ofDays(1));

        assertThat(code(grant(m.client(), forDevice(device, "screen-lock", soon)), 403))
                .as("a clinician excepting their own device")
                .isEqualTo("security-officer-only");
        assertThat(code(m.client().get(EXCEPTIONS), 403)).isEqualTo("security-officer-only");
        assertThat(code(m.client().post(EXCEPTIONS + "/" + UUID.randomUUID() + "/revoke", "{}"), 403))
                .isEqualTo("security-officer-only");

        assertThat(code(grant(officer, forDevice(UUID.randomUUID().toString(), "screen-lock", soon)), 404))
                .isEqualTo("unknown-device");
        JsonNode unknownCheck = json(expect(grant(officer, forDevice(device, "firewall", soon)), 400));
        assertThat(unknownCheck.path("code").asString()).isEqualTo("unknown-check");
        assertThat(unknownCheck.path("exceptableChecks").valueStream().map(JsonNode::asString))
                .contains("screen-lock", "disk-encryption")
                .doesNotContain("device-not-bound");
        assertThat(code(grant(officer, forDevice(device, "device-not-bound", soon)), 400))
                .isEqualTo("check-not-exceptable");
        assertThat(code(grant(officer, forDevice(device, "device-revoked", soon)), 400))
                .isEqualTo("check-not-exceptable");

        assertThat(code(grant(officer, forDevice(device, "screen-lock", now().minusSeconds(60))), 400))
                .as("an expiry in the past")
                .isEqualTo("exception-expiry-invalid");
        JsonNode tooFar =
                json(expect(grant(officer, forDevice(device, "screen-lock", now().plus(Duration.ofDays(31)))), 400));
        assertThat(tooFar.path("code").asString()).isEqualTo("exception-expiry-invalid");
        assertThat(Instant.parse(tooFar.path("latestExpiry").asString()))
                .isBetween(now().plus(Duration.ofDays(30)).minusSeconds(60), now().plus(Duration.ofDays(30)));
        Map<String, Object> openEnded = forDevice(device, "screen-lock", soon);
        openEnded.remove("expiresAt");
        assertThat(code(grant(officer, openEnded), 400)).as("no expiry").isEqualTo("exception-expiry-invalid");

        for (String reason : new String[] {"", "          ", "too short", "visible text\u202Ehidden"}) {
            Map<String, Object> fields = forDevice(device, "screen-lock", soon);
            fields.put("reason", reason);
            assertThat(code(grant(officer, fields), 400)).as(reason).isEqualTo("exception-reason-invalid");
        }
        Map<String, Object> noReason = forDevice(device, "screen-lock", soon);
        noReason.remove("reason");
        assertThat(code(grant(officer, noReason), 400)).isEqualTo("exception-reason-invalid");

        Map<String, Object> both = forDevice(device, "screen-lock", soon);
        both.put("group", Map.of("kind", "LAPTOP"));
        assertThat(code(grant(officer, both), 400)).isEqualTo("exception-scope-invalid");
        Map<String, Object> neither = forDevice(device, "screen-lock", soon);
        neither.remove("deviceId");
        assertThat(code(grant(officer, neither), 400)).isEqualTo("exception-scope-invalid");
        Map<String, Object> emptyGroup = forDevice(device, "screen-lock", soon);
        emptyGroup.remove("deviceId");
        emptyGroup.put("group", Map.of());
        assertThat(code(grant(officer, emptyGroup), 400)).isEqualTo("exception-scope-invalid");
        Map<String, Object> extra = forDevice(device, "screen-lock", soon);
        extra.put("grantedBy", UUID.randomUUID().toString());
        assertThat(code(grant(officer, extra), 400)).isEqualTo("unknown-field");

        String officerId = json(expect(officer.get("/api/v1/auth/session"), 200))
                .path("userId")
                .asString();
        String own = DeviceApiTests.register(officerId, "ORGANISATION", "SN-" + UUID.randomUUID(), "o");
        assertThat(code(grant(officer, forDevice(own, "screen-lock", soon)), 403))
                .isEqualTo("exception-own-device");
        expect(m.client().post("/api/v1/devices/" + device + "/lost", "{}"), 200);
        assertThat(code(grant(officer, forDevice(device, "screen-lock", soon)), 409))
                .isEqualTo("device-lost");
        assertThat(code(officer.post(EXCEPTIONS + "/" + UUID.randomUUID() + "/revoke", "{}"), 404))
                .isEqualTo("exception-not-found");

        assertThat(exceptionCount()).as("nothing was stored").isEqualTo(before);
        assertThat(audit().matching(e -> e.action().equals("device.exception.grant") && e.outcome() == Outcome.DENIED))
                .extracting(e -> e.reason())
                .contains(
                        "security-officer-only",
                        "unknown-device",
                        "unknown-check",
                        "check-not-exceptable",
                        "exception-expiry-invalid",
                        "exception-reason-invalid",
                        "exception-scope-invalid",
                        "exception-own-device",
                        "device-lost");
    }
}
