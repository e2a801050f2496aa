package health.securevisit.hub;

import static health.securevisit.support.Workforce.expect;
import static health.securevisit.support.Workforce.json;
import static org.assertj.core.api.Assertions.assertThat;

import health.securevisit.audit.Outcome;
import health.securevisit.support.CapturedAuditEvents;
import health.securevisit.support.Clinic;
import health.securevisit.support.RunningServer;
import health.securevisit.support.TestServers;
import health.securevisit.support.Workforce;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.hl7.fhir.r4.model.Observation;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Readings from a hub over mutual TLS: stored as encrypted FHIR R4 vital-signs Observations of the
 * certificate's patient, idempotent by reading id; bad input refused whole, audited, nothing stored;
 * implausible values and non-compliant networks quarantined; the care team's view with trend,
 * alerts, flags and the daily monitor through the access decision point.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class VitalsIngestTests {

    final RunningServer server = server();
    Workforce officer;
    Clinic clinic;
    HubKit.Hub hub;

    @TempDir
    Path dir;

    @BeforeAll
    void enrolledHub(@TempDir Path keys) throws Exception {
        officer = Workforce.on(server)
                .signIn(Workforce.newAccount(server, Workforce.unique("vitals.officer"), "SECURITY_OFFICER"));
        clinic = Clinic.withVerifiedVisit(server);
        hub = HubKit.enrolled(server, officer, clinic.patientId(), "DEDICATED_SEGMENT", "vlan-42", keys);
    }

    /** The server the flows run on: H2 here, PostgreSQL in {@link VitalsIngestOnPostgresTests}. */
    RunningServer server() {
        return TestServers.h2();
    }

    static String reading(String id, String code, Instant time, String value) {
        return "{\"id\":\"" + id + "\",\"code\":\"" + code + "\",\"time\":\"" + time + "\",\"value\":" + value + "}";
    }

    static String bp(String id, Instant time, int systolic, int diastolic) {
        return "{\"id\":\"" + id + "\",\"code\":\"85354-9\",\"time\":\"" + time + "\",\"systolic\":" + systolic
                + ",\"diastolic\":" + diastolic + "}";
    }

    static String batch(String mode, String uplink, String... readings) {
        return "{\"uplink\":{\"mode\":\"" + mode + "\",\"id\":\"" + uplink + "\"},\"readings\":["
                + String.join(",", readings) + "]}";
    }

    static String id() {
        return "r-" + UUID.randomUUID();
    }

    HubKit.Run post(String body) {
        return HubKit.curl(server, hub, "/api/v1/hub/observations", body);
    }

    JsonNode ok(String body) {
        HubKit.Run run = post(body);
        assertThat(HubKit.status(run)).as(run.out()).isEqualTo("200");
        String out = run.out().strip();
        return Workforce.JSON.readTree(out.substring(0, out.lastIndexOf('\n')));
    }

    String refused(String body, String status) {
        HubKit.Run run = post(body);
        assertThat(HubKit.status(run)).as(run.out()).isEqualTo(status);
        String out = run.out().strip();
        return Workforce.JSON
                .readTree(out.substring(0, out.lastIndexOf('\n')))
                .path("code")
                .asString();
    }

    long stored() {
        return server.context()
                .getBean(JdbcClient.class)
                .sql("SELECT COUNT(*) FROM hub_observation WHERE hub_id = ?")
                .param(UUID.fromString(hub.id()))
                .query(Long.class)
                .single();
    }

    @Test
    void storesEveryVitalAsAnEncryptedVitalSignsObservationOfTheCertificatesPatient() {
        Instant t = Instant.now().minusSeconds(120);
        String hr = id();
        JsonNode receipt = ok(batch(
                "DEDICATED_SEGMENT",
                "vlan-42",
                reading(hr, "8867-4", t, "72"),
                reading(id(), "59408-5", t, "97"),
                bp(id(), t, 128, 82),
                reading(id(), "29463-7", t, "81.4"),
                reading(id(), "8310-5", t, "36.8")));
        assertThat(receipt.path("accepted").asInt()).isEqualTo(5);
        assertThat(receipt.path("nonCompliant").asBoolean()).isFalse();

        JdbcClient jdbc = server.context().getBean(JdbcClient.class);
        record Row(UUID id, String status, byte[] sealed) {}
        Row row = jdbc.sql("SELECT id, status, resource_enc FROM hub_observation WHERE hub_id = ? AND reading_id = ?")
                .params(UUID.fromString(hub.id()), hr)
                .query((rs, n) -> new Row(rs.getObject(1, UUID.class), rs.getString(2), rs.getBytes(3)))
                .single();
        assertThat(row.status()).isEqualTo("final");
        // At rest: ciphertext only.
        assertThat(new String(row.sealed(), java.nio.charset.StandardCharsets.ISO_8859_1))
                .doesNotContain("8867-4")
                .doesNotContain("Patient/");
        health.securevisit.keys.FieldEncryption fields =
                server.context().getBean(health.securevisit.keys.FieldEncryption.class);
        String fhir = fields.decryptText(
                new health.securevisit.keys.FieldBinding(
                        "patient:" + clinic.patientId(),
                        "hub_observation",
                        "resource_enc",
                        row.id().toString()),
                row.sealed());
        Observation obs =
                ca.uhn.fhir.context.FhirContext.forR4Cached().newJsonParser().parseResource(Observation.class, fhir);
        assertThat(obs.getMeta().getProfile())
                .extracting(p -> p.getValue())
                .contains(
                        "http://hl7.org/fhir/StructureDefinition/vitalsigns",
                        "http://hl7.org/fhir/StructureDefinition/heartrate");
        assertThat(obs.getCategoryFirstRep().getCodingFirstRep().getCode()).isEqualTo("vital-signs");
        assertThat(obs.getCode().getCodingFirstRep().getSystem()).isEqualTo("http://loinc.org");
        assertThat(obs.getCode().getCodingFirstRep().getCode()).isEqualTo("8867-4");
        assertThat(obs.getSubject().getReference()).isEqualTo("Patient/" + clinic.patientId());
        assertThat(obs.getDevice().getReference()).isEqualTo("Device/" + hub.id());
        assertThat(obs.getValueQuantity().getCode()).isEqualTo("/min");
        assertThat(obs.getStatus()).isEqualTo(Observation.ObservationStatus.FINAL);
    }

    @Test
    void aResentReadingIsStoredOnce() {
        Instant t = Instant.now().minusSeconds(60);
        String same = id();
        String body = batch("DEDICATED_SEGMENT", "vlan-42", reading(same, "8867-4", t, "70"));
        long before = stored();
        assertThat(ok(body).path("accepted").asInt()).isEqualTo(1);
        JsonNode again = ok(body);
        assertThat(again.path("accepted").asInt()).isZero();
        assertThat(again.path("duplicates").asInt()).isEqualTo(1);
        assertThat(stored()).isEqualTo(before + 1);
    }

    @Test
    void badInputIsRefusedWholeAuditedAndNothingIsStored() {
        Instant t = Instant.now().minusSeconds(60);
        String good = reading(id(), "8867-4", t, "70");
        List<String[]> cases = new ArrayList<>();
        cases.add(new String[] {
            "reading-out-of-range", batch("DEDICATED_SEGMENT", "vlan-42", good, reading(id(), "2708-6", t, "140"))
        });
        cases.add(new String[] {
            "reading-out-of-range", batch("DEDICATED_SEGMENT", "vlan-42", good, reading(id(), "8867-4", t, "-5"))
        });
        cases.add(new String[] {
            "reading-value-invalid",
            batch("DEDICATED_SEGMENT", "vlan-42", good, reading(id(), "8867-4", t, "\"seventy\""))
        });
        cases.add(new String[] {
            "unknown-code", batch("DEDICATED_SEGMENT", "vlan-42", good, reading(id(), "1234-5", t, "70"))
        });
        cases.add(new String[] {
            "reading-in-future",
            batch(
                    "DEDICATED_SEGMENT",
                    "vlan-42",
                    good,
                    reading(id(), "8867-4", Instant.now().plus(Duration.ofHours(1)), "70"))
        });
        cases.add(new String[] {
            "reading-too-old",
            batch(
                    "DEDICATED_SEGMENT",
                    "vlan-42",
                    good,
                    reading(id(), "8867-4", Instant.now().minus(Duration.ofDays(8)), "70"))
        });
        String twice = id();
        cases.add(new String[] {
            "reading-id-repeated",
            batch("DEDICATED_SEGMENT", "vlan-42", reading(twice, "8867-4", t, "70"), reading(twice, "8867-4", t, "71"))
        });
        String[] many = new String[501];
        for (int i = 0; i < many.length; i++) {
            many[i] = reading(id(), "8867-4", t, "70");
        }
        cases.add(new String[] {"batch-too-large", batch("DEDICATED_SEGMENT", "vlan-42", many)});
        cases.add(new String[] {"batch-unreadable", "{\"readings\":[], \"extra\":1}"});
        cases.add(new String[] {"uplink-missing", "{\"readings\":[" + good + "]}"});
        long before = stored();
        CapturedAuditEvents audit = server.context().getBean(CapturedAuditEvents.class);
        for (String[] c : cases) {
            assertThat(refused(c[1], "400")).as(c[0]).isEqualTo(c[0]);
            assertThat(audit.matching(e -> e.action().equals("hub.observations.ingest")
                            && c[0].equals(e.reason())
                            && ("hub:" + hub.id()).equals(e.actorId())))
                    .as(c[0] + " audited")
                    .isNotEmpty();
        }
        assertThat(stored()).as("nothing half-stored").isEqualTo(before);
    }

    @Test
    void aBodyNamingAnotherPatientIsRefusedAndAudited() {
        String other = UUID.randomUUID().toString();
        String body = "{\"patientId\":\"" + other + "\",\"uplink\":{\"mode\":\"DEDICATED_SEGMENT\",\"id\":\"vlan-42\"},"
                + "\"readings\":[" + reading(id(), "8867-4", Instant.now().minusSeconds(30), "70") + "]}";
        long before = stored();
        assertThat(refused(body, "403")).isEqualTo("patient-mismatch");
        assertThat(stored()).isEqualTo(before);
        CapturedAuditEvents audit = server.context().getBean(CapturedAuditEvents.class);
        assertThat(audit.matching(e -> "patient-mismatch".equals(e.reason()))).anySatisfy(e -> {
            assertThat(e.outcome()).isEqualTo(Outcome.DENIED);
            assertThat(e.patientId()).isEqualTo(clinic.patientId());
        });
    }

    @Test
    void implausibleValuesAreQuarantinedAsPreliminaryAndLowSpo2RaisesAnAlert() {
        Instant t = Instant.now().minusSeconds(30);
        JsonNode receipt = ok(batch(
                "DEDICATED_SEGMENT", "vlan-42", reading(id(), "8867-4", t, "290"), reading(id(), "2708-6", t, "86")));
        assertThat(receipt.path("quarantined").asInt()).isEqualTo(1);
        assertThat(receipt.path("alerts").asInt()).isEqualTo(1);
        JsonNode view = json(expect(clinic.clinician().get("/api/v1/patients/" + clinic.patientId() + "/vitals"), 200));
        assertThat(view.path("quarantine").toString())
                .contains("implausible-value")
                .contains("290");
        assertThat(view.path("readings").toString()).doesNotContain("290");
        assertThat(view.path("alerts").toString()).contains("oxygen-saturation-low");
        assertThat(view.path("trends").toString()).contains("2708-6");
        assertThat(view.path("monitor").isArray()).isTrue();
    }

    @Test
    void aHubOnASharedHomeNetworkOrContradictingItsModeIsFlaggedAndItsReadingsMarked() throws Exception {
        HubKit.Hub other = HubKit.enrolled(server, officer, clinic.patientId(), "CELLULAR", "310-260", dir);
        HubKit.Run run = HubKit.curl(
                server,
                other,
                "/api/v1/hub/observations",
                batch(
                        "SHARED_HOME",
                        "home-wifi",
                        reading(id(), "8867-4", Instant.now().minusSeconds(10), "66")));
        assertThat(HubKit.status(run)).as(run.out()).isEqualTo("200");
        assertThat(run.out())
                .contains("\"nonCompliant\":true")
                .contains("shared-home-network")
                .contains("\"quarantined\":1");
        // The security officer sees the flag ...
        JsonNode hubs = json(expect(officer.get("/api/v1/hubs"), 200)).path("hubs");
        assertThat(hubs.toString()).contains(other.id());
        for (JsonNode h : hubs) {
            if (h.path("hubId").asString().equals(other.id())) {
                assertThat(h.path("nonCompliant").asBoolean()).isTrue();
                assertThat(h.path("nonCompliantReason").asString()).isEqualTo("shared-home-network");
            }
        }
        // ... and so does the care team, beside the patient's vitals.
        JsonNode view = json(expect(clinic.clinician().get("/api/v1/patients/" + clinic.patientId() + "/vitals"), 200));
        assertThat(view.path("hubs").toString()).contains(other.id()).contains("shared-home-network");
        assertThat(view.path("quarantine").toString()).contains("hub-non-compliant");
        // A segment hub reporting another segment is flagged too.
        HubKit.Hub segment = HubKit.enrolled(server, officer, clinic.patientId(), "DEDICATED_SEGMENT", "vlan-7", dir);
        HubKit.Run moved = HubKit.curl(
                server,
                segment,
                "/api/v1/hub/observations",
                batch(
                        "DEDICATED_SEGMENT",
                        "vlan-8",
                        reading(id(), "8867-4", Instant.now().minusSeconds(10), "66")));
        assertThat(moved.out()).contains("segment-mismatch");
    }

    @Test
    void vitalsAreForTheMonitoringCareTeamOnly() {
        String path = "/api/v1/patients/" + clinic.patientId() + "/vitals";
        assertThat(clinic.staff().get(path).statusCode()).isEqualTo(403);
        assertThat(officer.get(path).statusCode()).isEqualTo(403);
        Workforce stranger = Workforce.on(server)
                .signIn(Workforce.newAccount(server, Workforce.unique("vitals.stranger"), "CLINICIAN"));
        assertThat(stranger.get(path).statusCode()).isEqualTo(403);
        assertThat(server.get(path).statusCode()).isEqualTo(401);
        assertThat(clinic.clinician().get(path + "?days=31").statusCode()).isEqualTo(400);
    }
}
