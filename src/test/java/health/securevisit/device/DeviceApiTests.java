package health.securevisit.device;

import static health.securevisit.support.Workforce.body;
import static health.securevisit.support.Workforce.expect;
import static health.securevisit.support.Workforce.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import health.securevisit.audit.Outcome;
import health.securevisit.platform.EgressGate;
import health.securevisit.support.CapturedAuditEvents;
import health.securevisit.support.Clinic;
import health.securevisit.support.RunningServer;
import health.securevisit.support.Workforce;
import java.io.StringReader;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The device module against a real server on H2 with the product default for unknown devices
 * (DENY): inventory, binding and proofs, conditional access on the chart, posture evidence with its
 * bad inputs, and the lost-device response with a wipe delivered to a local HTTPS MDM.
 */
class DeviceApiTests {

    static final String SECRET = "mdm-integration-secret-of-at-least-32-chars";
    static final String FLEET_SECRET = "fleet-integration-secret-of-at-least-32-chars";
    static MdmReceiver mdm;
    static RunningServer server;
    static Workforce officer;

    @BeforeAll
    static void start() throws Exception {
        start(Map.of());
    }

    /** Starts the MDM receiver and a server with the device settings plus {@code extra} (a database). */
    static void start(Map<String, String> extra) throws Exception {
        mdm = new MdmReceiver(Files.createTempDirectory("devices-mdm"));
        Map<String, String> settings = new java.util.HashMap<>(extra);
        settings.putAll(Map.of(
                "access.unknown-device-posture",
                "DENY",
                "device.integrations.mdm1.secret",
                SECRET,
                "device.integrations.fleet.secret",
                FLEET_SECRET,
                "device.mdm.url",
                mdm.url(),
                "device.mdm.token",
                "test-token",
                "device.mdm.poll-interval",
                "500ms",
                "device.mdm.retry-base",
                "1s",
                "outbound.ca-file",
                mdm.ca.caPem().toString()));
        settings.putIfAbsent("egress.vendor.mdm", EgressGate.SELF_HOSTED);
        // The server's clock is the system clock plus an offset the exception tests move (zero otherwise).
        settings.putIfAbsent("test.room-clock", "true");
        // Above the global 1 MB body limit, below the default 8 MB: both sides are tested.
        settings.putIfAbsent("device.csv.max-size", "2MB");
        server = RunningServer.start(settings);
        officer = Workforce.on(server)
                .signIn(Workforce.newAccount(server, Workforce.unique("dev.officer"), "SECURITY_OFFICER"));
    }

    @AfterAll
    static void stop() {
        server.close();
        mdm.close();
    }

    /** A workforce member signed in on a bound, proved device with a compliant posture report. */
    record Member(Workforce.Account account, Workforce client, String deviceId, String serial, DeviceKey key) {}

    static Member member(String role, String ownership) {
        Workforce.Account account = Workforce.newAccount(server, Workforce.unique("dev." + role.toLowerCase()), role);
        Workforce client = Workforce.on(server).signIn(account);
        String serial = "SN-" + UUID.randomUUID();
        String deviceId = register(account.id(), ownership, serial, "host-" + serial);
        DeviceKey key = DeviceKey.generate(deviceId);
        expect(key.bind(client), 200);
        key.prove(client);
        expect(report(serial, 5, Instant.now().minusSeconds(30)), 202);
        return new Member(account, client, deviceId, serial, key);
    }

    static String register(String ownerId, String ownership, String serial, String mdmId) {
        return json(expect(
                        officer.post(
                                "/api/v1/devices",
                                body(
                                        "ownerId",
                                        ownerId,
                                        "name",
                                        "Work laptop",
                                        "kind",
                                        "LAPTOP",
                                        "ownership",
                                        ownership,
                                        "osName",
                                        "macOS",
                                        "osVersion",
                                        "14.5",
                                        "serialNumber",
                                        serial,
                                        "mdmId",
                                        mdmId)),
                        201))
                .path("id")
                .asString();
    }

    static String reportJson(String reportId, String serial, int lockMinutes, Instant at) {
        return body(
                "reportId",
                reportId,
                "serialNumber",
                serial,
                "reportedAt",
                at.toString(),
                "diskEncrypted",
                true,
                "screenLockMinutes",
                lockMinutes,
                "antivirusRunning",
                true,
                "antivirusSignaturesAt",
                at.minus(Duration.ofDays(1)).toString(),
                "osVersion",
                "14.5",
                "mdmEnrolled",
                true,
                "remoteWipe",
                true);
    }

    static HttpResponse<String> report(String serial, int lockMinutes, Instant at) {
        return signed("webhook/mdm1", SECRET, reportJson(UUID.randomUUID().toString(), serial, lockMinutes, at));
    }

    static HttpResponse<String> signed(String path, String secret, String json) {
        long ts = Instant.now().getEpochSecond();
        return post(path, json, Long.toString(ts), "sha256=" + hmac(secret, ts + "." + json));
    }

    static HttpResponse<String> post(String path, String json, String ts, String signature) {
        HttpRequest.Builder request = HttpRequest.newBuilder(server.uri("/api/v1/device-posture/" + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        if (ts != null) {
            request.header("X-SecureVisit-Timestamp", ts);
        }
        if (signature != null) {
            request.header("X-SecureVisit-Signature", signature);
        }
        return server.send(request);
    }

    static String hmac(String secret, String message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(message.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Staff and clinician on compliant devices, a patient and a verified visit starting in five minutes. */
    record World(@Nullable Member staff, Member clinician, String chart) {}

    static World clinic() {
        Member clinician = member("CLINICIAN", "ORGANISATION");
        return new World(null, clinician, visitWith(clinician.account().id()).chart());
    }

    /** A verified visit of a new patient with the clinician, starting in five minutes. */
    record Visit(String id, String fullName, String chart) {}

    static Visit visitWith(String clinicianId) {
        Member staff = member("STAFF", "ORGANISATION");
        String fullName = "Device Patient " + Long.toString(System.nanoTime(), 36);
        String patient = json(expect(
                        staff.client()
                                .post(
                                        "/api/v1/patients",
                                        body(
                                                "mrn",
                                                "DV-" + System.nanoTime(),
                                                "fullName",
                                                fullName,
                                                "dateOfBirth",
                                                Clinic.DATE_OF_BIRTH)),
                        201))
                .path("id")
                .asString();
        String visit = json(expect(
                        staff.client()
                                .post(
                                        "/api/v1/visits",
                                        Clinic.newVisit(
                                                patient,
                                                Instant.now().plusSeconds(300).truncatedTo(ChronoUnit.MINUTES),
                                                30,
                                                clinicianId)),
                        201))
                .path("id")
                .asString();
        expect(staff.client().post("/api/v1/visits/" + visit + "/transitions", body("to", "WAITING")), 200);
        expect(
                staff.client()
                        .post(
                                "/api/v1/visits/" + visit + "/identity-verification",
                                body("dataPoints", Map.of("fullName", fullName, "dateOfBirth", Clinic.DATE_OF_BIRTH))),
                200);
        return new Visit(visit, fullName, "/api/v1/visits/" + visit + "/chart");
    }

    static void assertDeviceRefused(HttpResponse<String> response, String... checks) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(403);
        JsonNode problem = json(response);
        assertThat(problem.path("code").asString()).isEqualTo("device-not-compliant");
        assertThat(problem.path("failingChecks").valueStream().map(JsonNode::asString))
                .containsExactly(checks);
        assertThat(problem.path("fix").asString()).isEqualTo("/account/device");
    }

    CapturedAuditEvents audit() {
        return server.context().getBean(CapturedAuditEvents.class);
    }

    @Test
    void theChartOpensOnlyOnAProvedCompliantDeviceAndNotWithAStolenCookie() {
        World w = clinic();
        Workforce clinician = w.clinician().client();
        expect(clinician.get(w.chart()), 200);

        expect(report(w.clinician().serial(), 30, Instant.now().minusSeconds(10)), 202);
        assertDeviceRefused(clinician.get(w.chart()), "screen-lock");
        assertThat(audit().matching(e -> e.action().equals("chart.read")
                        && e.outcome() == Outcome.DENIED
                        && "device-noncompliant".equals(e.reason())
                        && w.clinician().deviceId().equals(e.deviceId())))
                .isNotEmpty();

        expect(report(w.clinician().serial(), 10, Instant.now().minusSeconds(5)), 202);
        expect(clinician.get(w.chart()), 200);

        Workforce thief = Workforce.on(server);
        thief.adoptCookie(clinician.cookie("__Host-SVSESSION").orElseThrow());
        expect(thief.get("/api/v1/auth/session"), 200);
        assertDeviceRefused(thief.get(w.chart()), "device-not-bound");

        Workforce unbound = Workforce.on(server).signIn(w.clinician().account());
        assertDeviceRefused(unbound.get(w.chart()), "device-not-bound");
    }

    @Test
    void aStepUpNeedsAFreshProof() {
        World w = clinic();
        Workforce clinician = w.clinician().client();
        expect(clinician.get(w.chart()), 200);
        Workforce.sleep(Duration.ofMillis(1100));
        clinician.stepUp(w.clinician().account());
        assertDeviceRefused(clinician.get(w.chart()), "device-not-bound");
        w.clinician().key().prove(clinician);
        expect(clinician.get(w.chart()), 200);
    }

    @Test
    void forgedOrReplayedProofsAndBadKeysAreRefused() throws Exception {
        Member m = member("CLINICIAN", "ORGANISATION");
        DeviceKey key = m.key();
        ECKey other = new ECKeyGenerator(Curve.P_256).generate();
        HttpResponse<String> forged = key.prove(m.client(), key.proof(key.challenge(m.client()), other));
        assertThat(json(expect(forged, 400)).path("code").asString()).isEqualTo("device-proof-invalid");

        String proof = key.proof(key.challenge(m.client()), key.key());
        expect(key.prove(m.client(), proof), 200);
        assertThat(json(expect(key.prove(m.client(), proof), 400)).path("code").asString())
                .as("a challenge is used once")
                .isEqualTo("device-challenge-invalid");
        assertThat(json(expect(key.prove(m.client(), "not.a.jws"), 400))
                        .path("code")
                        .asString())
                .isEqualTo("device-proof-invalid");

        Workforce.Account other2 = Workforce.newAccount(server, Workforce.unique("dev.other"), "CLINICIAN");
        Workforce otherClient = Workforce.on(server).signIn(other2);
        assertThat(json(expect(key.prove(otherClient, key.proof(key.challenge(otherClient), key.key())), 400))
                        .path("code")
                        .asString())
                .as("a proof of someone else's device")
                .isEqualTo("device-proof-invalid");

        String fresh = register(m.account().id(), "BYOD", "SN-" + UUID.randomUUID(), "h");
        ECKey p384 = new ECKeyGenerator(Curve.P_384).generate();
        HttpResponse<String> wrongCurve = m.client()
                .post(
                        "/api/v1/devices/" + fresh + "/binding",
                        body("publicJwk", p384.toPublicJWK().toJSONObject()));
        assertThat(json(expect(wrongCurve, 400)).path("code").asString()).isEqualTo("device-key-invalid");
        HttpResponse<String> privatePart =
                m.client().post("/api/v1/devices/" + fresh + "/binding", body("publicJwk", other.toJSONObject()));
        assertThat(json(expect(privatePart, 400)).path("code").asString()).isEqualTo("device-key-invalid");
        assertThat(json(expect(DeviceKey.generate(fresh).bind(otherClient), 403))
                        .path("code")
                        .asString())
                .isEqualTo("device-not-yours");
        expect(DeviceKey.generate(fresh).bind(m.client()), 200);
        assertThat(json(expect(DeviceKey.generate(fresh).bind(m.client()), 409))
                        .path("code")
                        .asString())
                .as("a bound device is not bound again")
                .isEqualTo("device-not-unbound");
        assertThat(audit().matching(e -> e.action().equals("device.proof") && e.outcome() == Outcome.DENIED))
                .isNotEmpty();
    }

    @Test
    void webhookReportsMustBeSignedFreshAndNew() {
        Member m = member("STAFF", "ORGANISATION");
        String json = reportJson("r-" + UUID.randomUUID(), m.serial(), 5, Instant.now());
        String ts = Long.toString(Instant.now().getEpochSecond());
        assertThat(json(expect(post("webhook/mdm1", json, null, null), 403))
                        .path("code")
                        .asString())
                .isEqualTo("report-signature-invalid");
        expect(
                post(
                        "webhook/mdm1",
                        json,
                        ts,
                        "sha256=" + hmac("wrong-secret-wrong-secret-wrong-secret", ts + "." + json)),
                403);
        expect(post("webhook/mdm1", json, ts, "sha256=zz"), 403);
        String old = Long.toString(Instant.now().minus(Duration.ofMinutes(10)).getEpochSecond());
        expect(post("webhook/mdm1", json, old, "sha256=" + hmac(SECRET, old + "." + json)), 403);
        expect(post("webhook/nobody", json, ts, "sha256=" + hmac(SECRET, ts + "." + json)), 403);
        expect(post("webhook/mdm1", json + " ", ts, "sha256=" + hmac(SECRET, ts + "." + json)), 403);

        expect(signed("webhook/mdm1", SECRET, json), 202);
        assertThat(json(expect(signed("webhook/mdm1", SECRET, json), 409))
                        .path("code")
                        .asString())
                .as("the same report id again")
                .isEqualTo("report-replayed");
        String older = reportJson(
                "r-" + UUID.randomUUID(), m.serial(), 5, Instant.now().minusSeconds(3600));
        expect(signed("webhook/mdm1", SECRET, older), 409);
        String unknown = reportJson("r-" + UUID.randomUUID(), "SN-nobody", 5, Instant.now());
        assertThat(json(expect(signed("webhook/mdm1", SECRET, unknown), 404))
                        .path("code")
                        .asString())
                .isEqualTo("unknown-device");
        expect(signed("webhook/mdm1", SECRET, "{\"reportId\":\"x\",\"extra\":1}"), 400);
        assertThat(audit().matching(e -> e.action().equals("device.posture.webhook")
                        && e.outcome() == Outcome.DENIED
                        && "report-signature-invalid".equals(e.reason())))
                .hasSizeGreaterThanOrEqualTo(5);
    }

    @Test
    void osqueryPolicyResultsCountAsEvidence() {
        Member m = member("STAFF", "ORGANISATION");
        String json = body(
                "report_id", "q-" + UUID.randomUUID(),
                "host_serial", m.serial(),
                "timestamp", Instant.now().toString(),
                "policies",
                        List.of(
                                Map.of("name", "Screen lock after 15 minutes or less", "passes", false),
                                Map.of("name", "Some other policy", "passes", true)));
        expect(signed("osquery/fleet", FLEET_SECRET, json), 202);
        JsonNode session = json(expect(m.client().get("/api/v1/devices/session"), 200));
        assertThat(session.path("posture").asString()).isEqualTo("NONCOMPLIANT");
        assertThat(session.path("failingChecks").valueStream().map(JsonNode::asString))
                .containsExactly("screen-lock");
        assertThat(json(expect(signed("osquery/fleet", FLEET_SECRET, json), 409))
                        .path("code")
                        .asString())
                .isEqualTo("report-replayed");
    }

    @Test
    void complianceCsvTakesGoodRowsListsBadOnesAndRefusesUnknownColumns() throws Exception {
        Member a = member("STAFF", "ORGANISATION");
        Member b = member("STAFF", "BYOD");
        String header = "deviceName,serialNumber,osVersion,isEncrypted,complianceState,lastSyncDateTime,"
                + "managedDeviceOwnerType,screenLockTimeoutMinutes,antivirusStatus,antivirusSignatureDateTime\n";
        String now = Instant.now().toString();
        String csv = header
                + "A," + a.serial() + ",14.5,true,compliant," + now + ",company,5,running," + now + "\n"
                + "X,SN-unknown,14.5,true,compliant," + now + ",company,5,running," + now + "\n"
                + "B," + b.serial() + ",14.5,maybe,compliant," + now + ",personal,5,running," + now + "\n"
                + "B," + b.serial() + ",14.5,true,compliant,yesterday,personal,5,running," + now + "\n"
                + "B," + b.serial() + ",14.5,true,compliant," + now + ",personal,5,running," + now + "\n";
        JsonNode result = json(expect(officer.post("/api/v1/device-posture/csv", "text/csv", csv), 200));
        assertThat(result.path("accepted").asInt()).isEqualTo(2);
        assertThat(result.path("rejected")
                        .valueStream()
                        .map(r -> r.path("line").asLong() + ":"
                                + r.path("problem").asString()))
                .containsExactly("3:unknown-device", "4:invalid-isEncrypted", "5:invalid-lastSyncDateTime");
        assertThat(audit().matching(e -> e.action().equals("device.posture.csv.row")
                        && (a.deviceId().equals(e.resourceId()) || b.deviceId().equals(e.resourceId()))))
                .extracting(e -> e.outcome() + " " + e.reason())
                .containsExactlyInAnyOrder(
                        "SUCCESS line=2",
                        "DENIED line=4:invalid-isEncrypted",
                        "DENIED line=5:invalid-lastSyncDateTime",
                        "SUCCESS line=6");
        assertThat(audit().matching(e ->
                        e.action().equals("device.posture.csv.row") && "line=3:unknown-device".equals(e.reason())))
                .isNotEmpty();
        JsonNode again = json(expect(officer.post("/api/v1/device-posture/csv", "text/csv", csv), 200));
        assertThat(again.path("accepted").asInt())
                .as("the same export again is a replay")
                .isZero();

        JsonNode unknown = json(expect(
                officer.post(
                        "/api/v1/device-posture/csv",
                        "text/csv",
                        header.replace("deviceName", "deviceName,foo") + "A,x," + a.serial() + ",14.5,true,compliant,"
                                + now + ",company,5,running," + now + "\n"),
                400));
        assertThat(unknown.path("code").asString()).isEqualTo("csv-columns-invalid");
        assertThat(unknown.path("unknownColumns").valueStream().map(JsonNode::asString))
                .containsExactly("foo");
        JsonNode missing = json(
                expect(officer.post("/api/v1/device-posture/csv", "text/csv", "deviceName,serialNumber\nA,B\n"), 400));
        assertThat(missing.path("missingColumns").size()).isEqualTo(8);
        expect(a.client().post("/api/v1/device-posture/csv", "text/csv", csv), 403);
    }

    static final String CSV_HEADER =
            String.join(",", health.securevisit.device.internal.PostureIngest.CSV_COLUMNS) + "\n";

    /** A compliance row for {@code serial}, its device name padded to {@code nameLength} characters. */
    static String csvRow(String serial, int lockMinutes, Instant at, int nameLength) {
        return "Device" + "x".repeat(Math.max(0, nameLength - 6)) + "," + serial + ",14.5,true,compliant," + at
                + ",company," + lockMinutes + ",running," + at + "\n";
    }

    @Test
    void aComplianceCsvOverTheGlobalBodyLimitIsStreamedUnderItsOwnLimit() throws Exception {
        Member m = member("STAFF", "ORGANISATION");
        StringBuilder large = new StringBuilder(CSV_HEADER).append(csvRow(m.serial(), 5, Instant.now(), 10));
        while (large.length() < 1_300_000) {
            large.append(csvRow("SN-nobody", 5, Instant.now(), 250));
        }
        int rows = (int) large.chars().filter(c -> c == '\n').count() - 1;
        long rowAudits = audit().matching(e -> e.action().equals("device.posture.csv.row"))
                .size();
        JsonNode result = json(expect(officer.post("/api/v1/device-posture/csv", "text/csv", large.toString()), 200));
        assertThat(result.path("accepted").asInt()).isEqualTo(1);
        assertThat(result.path("rejected").size()).isEqualTo(rows - 1);
        assertThat(audit().matching(e -> e.action().equals("device.posture.csv.row")))
                .as("every row audited")
                .hasSize((int) rowAudits + rows);
        expect(officer.post("/api/v1/devices", "x".repeat(1_100_000)), 413);

        String lockThirty = CSV_HEADER + csvRow(m.serial(), 30, Instant.now(), 10);
        StringBuilder tooLarge = new StringBuilder(lockThirty);
        while (tooLarge.length() < 2_200_000) {
            tooLarge.append(csvRow("SN-nobody", 5, Instant.now(), 250));
        }
        assertThat(json(expect(officer.post("/api/v1/device-posture/csv", "text/csv", tooLarge.toString()), 413))
                        .path("code")
                        .asString())
                .isEqualTo("payload-too-large");
        byte[] bytes = tooLarge.toString().getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> chunked = officer.send(officer.withCsrf(HttpRequest.newBuilder(
                        server.uri("/api/v1/device-posture/csv"))
                .header("Content-Type", "text/csv")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(bytes)))));
        assertThat(json(expect(chunked, 413)).path("code").asString()).isEqualTo("payload-too-large");
        assertThat(json(expect(m.client().get("/api/v1/devices/session"), 200))
                        .path("failingChecks")
                        .size())
                .as(
                        "the streamed upload stopped at its limit and kept none of its rows (its first row says 30 minutes)")
                .isZero();
        assertThat(audit().matching(
                                e -> e.action().equals("device.posture.csv") && "payload-too-large".equals(e.reason())))
                .isNotEmpty();
    }

    @Test
    void theInventoryIsSearchableExportableAndForOfficersOnly() throws Exception {
        Member m = member("CLINICIAN", "BYOD");
        JsonNode found = json(expect(officer.get("/api/v1/devices?q=" + m.serial()), 200));
        assertThat(found.path("devices").size()).isEqualTo(1);
        JsonNode d = found.path("devices").get(0);
        assertThat(d.path("bindingState").asString()).isEqualTo("BOUND");
        assertThat(d.path("ownership").asString()).isEqualTo("BYOD");
        assertThat(d.path("thumbprint").asString()).isEqualTo(m.key().thumbprint());

        HttpResponse<String> export = expect(officer.get("/api/v1/devices/export"), 200);
        assertThat(export.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/csv");
        List<CSVRecord> rows = CSVFormat.RFC4180
                .builder()
                .setHeader()
                .setSkipHeaderRecord(true)
                .get()
                .parse(new StringReader(export.body()))
                .getRecords();
        assertThat(rows).anySatisfy(r -> {
            assertThat(r.get("serialNumber")).isEqualTo(m.serial());
            assertThat(r.get("bindingState")).isEqualTo("BOUND");
        });

        expect(m.client().get("/api/v1/devices"), 403);
        expect(m.client().get("/api/v1/devices/export"), 403);
        expect(
                officer.post(
                        "/api/v1/devices",
                        body(
                                "ownerId",
                                m.account().id(),
                                "name",
                                "Dup",
                                "kind",
                                "PHONE",
                                "ownership",
                                "BYOD",
                                "osName",
                                "iOS",
                                "osVersion",
                                "17.1",
                                "serialNumber",
                                m.serial())),
                409);
        expect(
                officer.post(
                        "/api/v1/devices",
                        body(
                                "ownerId",
                                m.account().id(),
                                "name",
                                "Hub",
                                "kind",
                                "TOASTER",
                                "ownership",
                                "BYOD",
                                "osName",
                                "iOS",
                                "osVersion",
                                "17.1",
                                "serialNumber",
                                "SN-" + UUID.randomUUID())),
                400);
        JsonNode mine = json(expect(m.client().get("/api/v1/devices/mine"), 200));
        assertThat(mine.get(0).path("thisBrowser").asBoolean()).isTrue();
        assertThat(audit().matching(e -> e.action().equals("device.export"))).isNotEmpty();
    }

    @Test
    void aLostDeviceEndsItsSessionsAndIsWipedThroughTheMdm() {
        Member m = member("CLINICIAN", "ORGANISATION");
        Workforce second = Workforce.on(server).signIn(m.account());
        m.key().prove(second);
        mdm.failFirst.set(1);
        JsonNode request = json(expect(m.client().post("/api/v1/devices/" + m.deviceId() + "/lost", "{}"), 200));
        assertThat(request.path("action").asString()).isEqualTo("WIPE");
        assertThat(request.path("status").asString()).isEqualTo("PENDING");

        HttpResponse<String> next = second.get("/api/v1/devices/mine");
        assertThat(next.statusCode()).isEqualTo(401);
        assertThat(json(next).path("code").asString()).isEqualTo("device-revoked");
        assertThat(next.headers().firstValue("Clear-Site-Data").orElseThrow())
                .isEqualTo("\"cache\", \"cookies\", \"storage\"");
        expect(second.get("/api/v1/auth/session"), 401);

        JsonNode sent = null;
        for (int i = 0; i < 40 && sent == null; i++) {
            Workforce.sleep(Duration.ofMillis(500));
            JsonNode status = json(expect(officer.get("/api/v1/devices/" + m.deviceId() + "/wipe-requests"), 200))
                    .get(0);
            if (status.path("status").asString().equals("SENT")) {
                sent = status;
            }
        }
        assertThat(sent).as("the wipe reached the MDM").isNotNull();
        assertThat(sent.path("attempts").asInt())
                .as("after one refused attempt")
                .isEqualTo(2);
        assertThat(mdm.received)
                .contains(new MdmReceiver.Received(
                        "/api/v1/fleet/hosts/host-" + m.serial() + "/wipe", "Bearer test-token"));
        assertThat(audit().matching(e ->
                        e.action().startsWith("device.wipe") && m.deviceId().equals(e.resourceId())))
                .extracting(e -> e.action())
                .contains("device.wipe.request", "device.wipe.retry", "device.wipe.sent");

        Member byod = member("STAFF", "BYOD");
        expect(
                Workforce.on(server).signIn(m.account()).post("/api/v1/devices/" + byod.deviceId() + "/lost", "{}"),
                403);
        JsonNode selective =
                json(expect(byod.client().post("/api/v1/devices/" + byod.deviceId() + "/lost", "{}"), 200));
        assertThat(selective.path("action").asString()).isEqualTo("SELECTIVE_WIPE");
        assertThat(selective.path("status").asString()).isEqualTo("DONE_LOCALLY");
        expect(byod.client().get("/api/v1/devices/mine"), 401);
    }
}
