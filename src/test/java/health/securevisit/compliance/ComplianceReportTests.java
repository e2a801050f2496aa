package health.securevisit.compliance;

import static health.securevisit.support.Workforce.expect;
import static health.securevisit.support.Workforce.json;
import static org.assertj.core.api.Assertions.assertThat;

import health.securevisit.support.Clinic;
import health.securevisit.support.RunningServer;
import health.securevisit.support.Workforce;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * The compliance report on a real server (H2): every control's status from live evidence, with the
 * workforce module's checks showing "no evidence" (no source answers them here); failing entities
 * named (accounts without a passkey, a PHI value stored in plaintext); the cache with its age; HTML
 * and PDF; security officers and auditors only, audited; unknown control ids refused; the evidence
 * bundle verified offline, and tampering (a flipped byte, a missing or extra file, a wrong key) named.
 */
class ComplianceReportTests {

    static RunningServer server;
    static Workforce.Account officerAccount;
    static Workforce officer;
    static Workforce.Account auditorAccount;
    static Workforce auditor;

    @TempDir
    Path tmp;

    @BeforeAll
    static void start() {
        server = RunningServer.start(Map.of());
        officerAccount = Workforce.newAccount(server, Workforce.unique("officer"), "SECURITY_OFFICER");
        officer = Workforce.on(server).signIn(officerAccount);
        auditorAccount = Workforce.newAccount(server, Workforce.unique("auditor"), "AUDITOR");
        auditor = Workforce.on(server).signIn(auditorAccount);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static JsonNode report(Workforce who, boolean refresh) {
        return json(expect(who.get("/api/v1/compliance/report" + (refresh ? "?refresh=true" : "")), 200));
    }

    static JsonNode control(JsonNode report, String id) {
        for (JsonNode c : report.path("controls")) {
            if (c.path("id").asString().equals(id)) {
                return c;
            }
        }
        throw new AssertionError("no control " + id);
    }

    static JsonNode check(JsonNode report, String id) {
        for (JsonNode c : report.path("controls")) {
            for (JsonNode e : c.path("evidence")) {
                if (e.path("check").asString().equals(id)) {
                    return e;
                }
            }
        }
        throw new AssertionError("no check " + id);
    }

    @Test
    void everyControlHasAStatusFromLiveEvidenceAndControlsWithoutChecksShowNoEvidence() {
        JsonNode r = report(officer, true);
        assertThat(r.path("profile").asString()).isEqualTo("hipaa-security-rule");
        assertThat(r.path("controls").size()).isGreaterThan(50);
        for (String workforceCheck : List.of(
                "workforce.training-current",
                "workforce.policies-acknowledged",
                "workforce.access-review-current",
                "workforce.leavers-deprovisioned",
                "network.segmentation")) {
            assertThat(check(r, workforceCheck).path("summary").asString())
                    .as(workforceCheck + " is answered by the workforce module's sources")
                    .isNotEqualTo("no evidence source answers this check");
        }
        // A fresh installation has never completed an access review: that fails, it is not "no evidence".
        assertThat(check(r, "workforce.access-review-current").path("status").asString())
                .isEqualTo("FAIL");
        assertThat(control(r, "hipaa-164.310-a-1").path("status").asString())
                .as("a control without checks")
                .isEqualTo("NO_EVIDENCE");
        assertThat(check(r, "network.tls-self-scan").path("status").asString()).isEqualTo("PASS");
        assertThat(control(r, "seed-tls").path("status").asString()).isEqualTo("PASS");
        assertThat(check(r, "audit.checkpoint-fresh").path("status").asString()).isEqualTo("PASS");
        assertThat(check(r, "incident.response-plan").path("status").asString()).isEqualTo("PASS");
        // Accounts with TOTP only fail the phishing-resistant check, named by id.
        JsonNode mfa = check(r, "identity.mfa-phishing-resistant");
        assertThat(mfa.path("status").asString()).isEqualTo("FAIL");
        assertThat(mfa.path("failing").toString()).contains("account:" + officerAccount.id());
        assertThat(control(r, "hipaa-164.312-d").path("status").asString()).isEqualTo("FAIL");
        assertThat(r.path("sourceErrors").size()).isZero();
    }

    @Test
    void theRiskAssessmentClockDecidesItsControls() {
        expect(officer.post("/api/v1/risk/assessments", "{}"), 200);
        JsonNode r = report(officer, true);
        assertThat(check(r, "risk.assessment-current").path("status").asString())
                .isEqualTo("PASS");
        assertThat(control(r, "hipaa-164.308-a-1-ii-a").path("status").asString())
                .isEqualTo("PASS");
    }

    @Test
    void aVendorWithoutABaaFailsNamedByItsKeyAndAVerifiedTrailPasses() {
        String key = "scribe-" + Long.toString(System.nanoTime(), 36);
        expect(
                officer.post(
                        "/api/v1/vendors",
                        Workforce.body(
                                "key", key,
                                "name", "Scribe Co",
                                "services", "Visit transcription",
                                "phiCategories", List.of("TRANSCRIPTS"),
                                "owner", "Privacy office")),
                201);
        expect(officer.post("/api/v1/audit/verifications", "{}"), 200);
        JsonNode r = report(officer, true);
        JsonNode baa = check(r, "vendor.baa-current");
        assertThat(baa.path("status").asString()).isEqualTo("FAIL");
        assertThat(baa.path("failing").toString()).contains("vendor:" + key + " missing");
        assertThat(control(r, "seed-baa").path("status").asString()).isEqualTo("FAIL");
        assertThat(control(r, "seed-baa")
                        .path("evidence")
                        .get(0)
                        .path("failing")
                        .toString())
                .contains(key);
        JsonNode verified = check(r, "audit.trail-verified");
        assertThat(verified.path("status").asString()).as(verified.toString()).isEqualTo("PASS");
        assertThat(control(r, "hipaa-164.312-b").path("status").asString()).isEqualTo("PASS");
    }

    @Test
    void aPhiValueStoredInPlaintextFailsEncryptionCoverageNamingItsRow() {
        Clinic clinic = Clinic.withVerifiedVisit(server);
        JsonNode before = check(report(officer, true), "keys.encryption-coverage");
        assertThat(before.path("status").asString()).as(before.toString()).isEqualTo("PASS");
        assertThat(before.path("summary").asString()).startsWith("100.0% encrypted");

        JdbcClient jdbc = server.context().getBean(JdbcClient.class);
        byte[] original = jdbc.sql("SELECT phone_enc FROM patient WHERE id = ?")
                .param(java.util.UUID.fromString(clinic.patientId()))
                .query(byte[].class)
                .optional()
                .orElse(null);
        jdbc.sql("UPDATE patient SET phone_enc = ? WHERE id = ?")
                .params("555-0100".getBytes(StandardCharsets.UTF_8), java.util.UUID.fromString(clinic.patientId()))
                .update();
        try {
            JsonNode after = check(report(officer, true), "keys.encryption-coverage");
            assertThat(after.path("status").asString()).isEqualTo("FAIL");
            assertThat(after.path("failing").toString())
                    .contains("patient.phone_enc row " + clinic.patientId())
                    .doesNotContain("555-0100");
        } finally {
            jdbc.sql("UPDATE patient SET phone_enc = ? WHERE id = ?")
                    .params(original, java.util.UUID.fromString(clinic.patientId()))
                    .update();
        }
    }

    @Test
    void resultsAreCachedAndMarkedWithTheirAge() {
        JsonNode fresh = report(officer, true);
        assertThat(fresh.path("cached").asBoolean()).isFalse();
        Workforce.sleep(java.time.Duration.ofMillis(1100));
        JsonNode cached = report(auditor, false);
        assertThat(cached.path("cached").asBoolean()).isTrue();
        assertThat(cached.path("computedAt").asString())
                .isEqualTo(fresh.path("computedAt").asString());
        assertThat(cached.path("ageSeconds").asLong()).isGreaterThanOrEqualTo(1);
        String html = expect(officer.get("/api/v1/compliance/report?format=html"), 200)
                .body();
        assertThat(html).contains("cached result").contains(" s old");
    }

    @Test
    void theReportIsHtmlAndPdfToo() {
        HttpResponse<String> html = expect(
                officer.send(java.net.http.HttpRequest.newBuilder(officer.uri("/api/v1/compliance/report"))
                        .header("Accept", "text/html")),
                200);
        assertThat(html.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
        assertThat(html.body())
                .contains("Compliance report", "164.312(b)", "Audit controls", "no evidence", "/css/securevisit.css")
                .doesNotContain("<script");
        HttpResponse<String> pdf = expect(auditor.get("/api/v1/compliance/report?format=pdf"), 200);
        assertThat(pdf.headers().firstValue("Content-Type").orElseThrow()).isEqualTo("application/pdf");
        assertThat(pdf.body()).startsWith("%PDF-");
        assertThat(json(expect(officer.get("/api/v1/compliance/report?format=docx"), 400))
                        .path("code")
                        .asString())
                .isEqualTo("unknown-format");
    }

    @Test
    void onlySecurityOfficersAndAuditorsSeeTheReportAndEveryReadIsAudited() {
        Workforce clinician =
                Workforce.on(server).signIn(Workforce.newAccount(server, Workforce.unique("clin"), "CLINICIAN"));
        expect(clinician.get("/api/v1/compliance/report"), 403);
        expect(clinician.get("/api/v1/compliance/evidence-bundle"), 403);
        expect(Workforce.adminClient(server).get("/api/v1/compliance/report"), 403);
        expect(Workforce.on(server).get("/api/v1/compliance/report"), 401);

        expect(auditor.get("/api/v1/compliance/report"), 200);
        String events = expect(officer.get("/api/v1/audit/events?size=200&userId=" + auditorAccount.id()), 200)
                .body();
        assertThat(events).contains("compliance.report.read");
    }

    @Test
    void unknownControlIdsAreRefusedAndAudited() {
        JsonNode known = json(expect(officer.get("/api/v1/compliance/controls/hipaa-164.312-b"), 200));
        assertThat(known.path("status").asString()).isIn("PASS", "FAIL", "NO_EVIDENCE");
        HttpResponse<String> unknown = expect(officer.get("/api/v1/compliance/controls/hipaa-999"), 404);
        assertThat(unknown.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
        assertThat(json(unknown).path("code").asString()).isEqualTo("unknown-control");
        assertThat(json(unknown).path("detail").asString()).doesNotContain("hipaa-999");
        expect(officer.get("/api/v1/compliance/controls/nprm-mfa"), 404); // the proposed update is switched off
        String denied = expect(
                        officer.get("/api/v1/audit/events?outcome=DENIED&size=200&userId=" + officerAccount.id()), 200)
                .body();
        assertThat(denied).contains("compliance.control.read").contains("unknown-control");
        assertThat(json(expect(officer.get("/api/v1/compliance/controls"), 200)).toString())
                .contains("hipaa-164.308-a-1-ii-a")
                .doesNotContain("nprm-");
    }

    byte[] bundle() throws Exception {
        HttpResponse<byte[]> zip = officer.http()
                .send(
                        HttpRequest.newBuilder(officer.uri("/api/v1/compliance/evidence-bundle"))
                                .build(),
                        HttpResponse.BodyHandlers.ofByteArray());
        assertThat(zip.statusCode()).isEqualTo(200);
        return zip.body();
    }

    record Cli(int exit, String out, String err) {}

    static Cli verify(Path bundle, Path key) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = ComplianceCommands.run(
                Object.class,
                List.of("verify", bundle.toString(), "--public-key", key.toString()),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Cli(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** Rewrites {@code zip} with {@code change} applied to its entries (name to bytes). */
    static Path rewrite(Path zip, Path target, java.util.function.Consumer<Map<String, byte[]>> change)
            throws Exception {
        Map<String, byte[]> entries = new java.util.LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            ZipEntry e;
            while ((e = in.getNextEntry()) != null) {
                entries.put(e.getName(), in.readAllBytes());
            }
        }
        change.accept(entries);
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(target))) {
            for (var e : entries.entrySet()) {
                out.putNextEntry(new ZipEntry(e.getKey()));
                out.write(e.getValue());
                out.closeEntry();
            }
        }
        return target;
    }

    @Test
    void theEvidenceBundleVerifiesOfflineAndNamesEveryChange() throws Exception {
        Path zip = Files.write(tmp.resolve("evidence.zip"), bundle());
        Path key = Files.writeString(
                tmp.resolve("key.pem"),
                json(expect(auditor.get("/api/v1/audit/public-key"), 200))
                        .path("pem")
                        .asString());
        List<String> names = new ArrayList<>();
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            ZipEntry e;
            while ((e = in.getNextEntry()) != null) {
                names.add(e.getName());
            }
        }
        assertThat(names)
                .containsExactly(
                        "manifest.json",
                        "manifest.sig",
                        "evidence.json",
                        "oscal/assessment-results.json",
                        "audit/checkpoint.txt",
                        "public-key.pem");

        Cli ok = verify(zip, key);
        assertThat(ok.exit()).as(ok.err()).isZero();
        assertThat(ok.out()).contains("intact, 4 file(s)");

        Path flipped = rewrite(zip, tmp.resolve("flipped.zip"), files -> {
            byte[] oscal = files.get("oscal/assessment-results.json");
            oscal[oscal.length / 2] ^= 0x01;
        });
        Cli changed = verify(flipped, key);
        assertThat(changed.exit()).isEqualTo(1);
        assertThat(changed.err())
                .contains("oscal/assessment-results.json: changed")
                .doesNotContain("evidence.json: changed");

        Cli missing =
                verify(rewrite(zip, tmp.resolve("missing.zip"), files -> files.remove("audit/checkpoint.txt")), key);
        assertThat(missing.exit()).isEqualTo(1);
        assertThat(missing.err()).contains("audit/checkpoint.txt: missing");

        Cli extra = verify(
                rewrite(
                        zip,
                        tmp.resolve("extra.zip"),
                        files -> files.put("notes.txt", "trust me".getBytes(StandardCharsets.UTF_8))),
                key);
        assertThat(extra.exit()).isEqualTo(1);
        assertThat(extra.err()).contains("notes.txt: not in the manifest");

        Cli manifestEdited = verify(
                rewrite(zip, tmp.resolve("manifest.zip"), files -> {
                    byte[] m = files.get("manifest.json");
                    m[m.length / 2] ^= 0x01;
                }),
                key);
        assertThat(manifestEdited.exit()).isEqualTo(1);
        assertThat(manifestEdited.err()).contains("manifest.json: the signature does not verify");

        java.security.KeyPairGenerator generator = java.security.KeyPairGenerator.getInstance("Ed25519");
        byte[] spki = generator.generateKeyPair().getPublic().getEncoded();
        Path other = Files.writeString(
                tmp.resolve("other.pem"),
                "-----BEGIN PUBLIC KEY-----\n" + java.util.Base64.getEncoder().encodeToString(spki)
                        + "\n-----END PUBLIC KEY-----\n");
        Cli wrongKey = verify(zip, other);
        assertThat(wrongKey.exit()).isEqualTo(1);
        assertThat(wrongKey.err()).contains("manifest.json: the signature does not verify with the given public key");

        Cli notAKey = verify(zip, zip);
        assertThat(notAKey.exit()).isEqualTo(1);
        assertThat(notAKey.err()).contains("is not a readable Ed25519 public key");

        String exports = expect(officer.get("/api/v1/audit/events?size=200&userId=" + officerAccount.id()), 200)
                .body();
        assertThat(exports).contains("compliance.evidence.export");
    }

    @Test
    void theBundlesOscalDocumentIsValidAgainstNistsSchema() throws Exception {
        Path zip = Files.write(tmp.resolve("evidence.zip"), bundle());
        byte[] oscal = null;
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            ZipEntry e;
            while ((e = in.getNextEntry()) != null) {
                if (e.getName().equals("oscal/assessment-results.json")) {
                    oscal = in.readAllBytes();
                }
            }
        }
        assertThat(oscal).isNotNull();
        JsonNode doc = Workforce.JSON.readTree(oscal);
        assertThat(health.securevisit.compliance.internal.OscalResults.validate(doc))
                .isEmpty();
        assertThat(doc.path("assessment-results")
                        .path("metadata")
                        .path("oscal-version")
                        .asString())
                .isEqualTo("1.0.6");
    }
}
