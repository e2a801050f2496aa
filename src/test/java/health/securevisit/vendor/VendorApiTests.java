package health.securevisit.vendor;

import static health.securevisit.support.Workforce.expect;
import static health.securevisit.support.Workforce.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import health.securevisit.platform.StartupException;
import health.securevisit.support.RunningServer;
import health.securevisit.support.Workforce;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The vendor register on a real server (H2): status computed from the BAA's facts, the document
 * stored encrypted and read back, and every bad input refused with its code, nothing stored, audited.
 */
class VendorApiTests {

    static final LocalDate TODAY = LocalDate.now(ZoneOffset.UTC);
    static final byte[] PDF = "%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n".getBytes();

    static RunningServer server;
    static Workforce officer;
    static Workforce.Account officerAccount;

    @BeforeAll
    static void start() {
        server = RunningServer.start(Map.of("vendor.baa-max-size", "64KB"));
        officerAccount = Workforce.newAccount(server, Workforce.unique("officer"), "SECURITY_OFFICER");
        officer = Workforce.on(server).signIn(officerAccount);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static String vendor(String key, String name, String effective, String expires) {
        return Workforce.body(
                "key",
                key,
                "name",
                name,
                "services",
                "Video transcription",
                "phiCategories",
                List.of("TRANSCRIPTS", "AUDIO_VIDEO"),
                "owner",
                "Privacy office",
                "baa",
                Map.of(
                        "effective",
                        effective,
                        "expires",
                        expires,
                        "breachNoticeDays",
                        5,
                        "flowDown",
                        true,
                        "returnOrDestroy",
                        "Return all PHI within 30 days, then destroy"),
                "subcontractors",
                List.of(Map.of(
                        "name",
                        "Cloud host",
                        "services",
                        "hosting",
                        "baaExpires",
                        TODAY.plusYears(2).toString(),
                        "flowDown",
                        true)));
    }

    HttpResponse<String> upload(String id, byte[] body) {
        return officer.putBytes("/api/v1/vendors/" + id + "/baa", "application/pdf", body);
    }

    @Test
    void aVendorIsMissingUntilItsSignedBaaIsOnFileThenCurrent() {
        String key = "scribe-" + Workforce.unique("v").substring(2);
        JsonNode created = json(expect(
                officer.post(
                        "/api/v1/vendors",
                        vendor(
                                key,
                                "Scribe " + key,
                                TODAY.minusDays(1).toString(),
                                TODAY.plusYears(2).toString())),
                201));
        String id = created.path("id").asString();
        assertThat(created.path("status").asString()).isEqualTo("missing");
        assertThat(created.path("reminder").asString()).contains("No signed BAA");
        assertThat(created.path("subcontractors").get(0).path("status").asString())
                .isEqualTo("current");
        assertThat(ids("missing")).contains(id);

        JsonNode stored = json(expect(upload(id, PDF), 200));
        assertThat(stored.path("baa").path("documentSize").asLong()).isEqualTo(PDF.length);
        // Verified at creation of the BAA's year: not yet, so the yearly verification counts from the effective date.
        assertThat(stored.path("status").asString()).isEqualTo("current");
        assertThat(ids("current")).contains(id).doesNotContain(ids("missing").toArray(String[]::new));

        assertThat(expect(officer.get("/api/v1/vendors/" + id + "/baa"), 200).body())
                .isEqualTo(new String(PDF));

        JsonNode verified = json(expect(officer.post("/api/v1/vendors/" + id + "/verifications", "{}"), 200));
        assertThat(verified.path("verifiedOn").asString()).isEqualTo(TODAY.toString());
        assertThat(verified.path("verifiedBy").asString()).isEqualTo(officerAccount.id());
    }

    @Test
    void aBaaExpiringWithinThirtyDaysIsReviewDueWithAReminder() {
        String key = "siem-" + Workforce.unique("v").substring(2);
        String id = json(expect(
                        officer.post(
                                "/api/v1/vendors",
                                vendor(
                                        key,
                                        "SIEM " + key,
                                        TODAY.minusMonths(6).toString(),
                                        TODAY.plusDays(20).toString())),
                        201))
                .path("id")
                .asString();
        JsonNode v = json(expect(upload(id, PDF), 200));
        assertThat(v.path("status").asString()).isEqualTo("review-due");
        assertThat(v.path("reminder").asString()).contains("expires on " + TODAY.plusDays(20));
        assertThat(ids("review-due")).contains(id);
        assertThat(expect(officer.get("/console/vendors"), 200).body()).contains("Needs your attention");
    }

    @Test
    void refusesDatesOutOfOrderAndStoresNothing() {
        String key = "bad-dates-" + Workforce.unique("v").substring(2);
        HttpResponse<String> r = officer.post(
                "/api/v1/vendors",
                vendor(key, "Bad " + key, TODAY.toString(), TODAY.minusDays(1).toString()));
        assertThat(json(expect(r, 400)).path("code").asString()).isEqualTo("baa-dates-out-of-order");
        assertThat(keys()).doesNotContain(key);
        assertThat(deniedAudit()).contains("baa-dates-out-of-order");
    }

    @Test
    void refusesADuplicateVendorKeyOrName() {
        String key = "dup-" + Workforce.unique("v").substring(2);
        expect(
                officer.post(
                        "/api/v1/vendors",
                        vendor(
                                key,
                                "Dup " + key,
                                TODAY.toString(),
                                TODAY.plusYears(1).toString())),
                201);
        HttpResponse<String> sameKey = officer.post(
                "/api/v1/vendors",
                vendor(key, "Other " + key, TODAY.toString(), TODAY.plusYears(1).toString()));
        assertThat(json(expect(sameKey, 409)).path("code").asString()).isEqualTo("vendor-exists");
        HttpResponse<String> sameName = officer.post(
                "/api/v1/vendors",
                vendor(
                        key + "-b",
                        "DUP " + key.toUpperCase(),
                        TODAY.toString(),
                        TODAY.plusYears(1).toString()));
        assertThat(json(expect(sameName, 409)).path("code").asString()).isEqualTo("vendor-exists");
        assertThat(deniedAudit()).contains("vendor-exists");
    }

    @Test
    void refusesABaaThatIsNotAPdfOrTooLargeAndKeepsThePreviousDocument() {
        String key = "doc-" + Workforce.unique("v").substring(2);
        String id = json(expect(
                        officer.post(
                                "/api/v1/vendors",
                                vendor(
                                        key,
                                        "Doc " + key,
                                        TODAY.toString(),
                                        TODAY.plusYears(1).toString())),
                        201))
                .path("id")
                .asString();
        expect(upload(id, PDF), 200);
        HttpResponse<String> notPdf = upload(id, "<html>not a pdf</html>".getBytes());
        assertThat(json(expect(notPdf, 400)).path("code").asString()).isEqualTo("baa-not-pdf");
        byte[] big = Arrays.copyOf(PDF, 64 * 1024 + 1);
        assertThat(json(expect(upload(id, big), 400)).path("code").asString()).isEqualTo("baa-too-large");
        assertThat(expect(officer.get("/api/v1/vendors/" + id + "/baa"), 200).body())
                .isEqualTo(new String(PDF));
        assertThat(deniedAudit()).contains("baa-not-pdf").contains("baa-too-large");
    }

    @Test
    void refusesUnknownCategoriesStatusesAndFields() {
        String bad = vendor(
                        "cat-x", "Cat X", TODAY.toString(), TODAY.plusYears(1).toString())
                .replace("TRANSCRIPTS", "GENOMES");
        assertThat(json(expect(officer.post("/api/v1/vendors", bad), 400))
                        .path("code")
                        .asString())
                .isEqualTo("invalid-vendor");
        assertThat(json(expect(officer.get("/api/v1/vendors?status=lapsed"), 400))
                        .path("code")
                        .asString())
                .isEqualTo("invalid-vendor");
        String extra = vendor(
                        "cat-y", "Cat Y", TODAY.toString(), TODAY.plusYears(1).toString())
                .replaceFirst("\\{", "{\"secret\":1,");
        assertThat(expect(officer.post("/api/v1/vendors", extra), 400).body()).contains("unknown-field");
        String reserved = vendor(
                "self-hosted",
                "Our own relay",
                TODAY.toString(),
                TODAY.plusYears(1).toString());
        assertThat(json(expect(officer.post("/api/v1/vendors", reserved), 400))
                        .path("detail")
                        .asString())
                .contains("reserved");
    }

    @Test
    void onlySecurityOfficersChangeTheRegister() {
        Workforce clinician =
                Workforce.on(server).signIn(Workforce.newAccount(server, Workforce.unique("clin"), "CLINICIAN"));
        expect(clinician.get("/api/v1/vendors"), 403);
        expect(
                clinician.post(
                        "/api/v1/vendors",
                        vendor(
                                "x-1",
                                "X 1",
                                TODAY.toString(),
                                TODAY.plusYears(1).toString())),
                403);
        expect(Workforce.on(server).get("/api/v1/vendors"), 401);
    }

    @Test
    void anIntegrationNamingAnUnknownVendorOrNoneRefusesToStartWithOneLine() {
        assertThatThrownBy(() -> RunningServer.start(
                        Map.of("audit.syslog.host", "localhost", "egress.vendor.syslog", "nobody-we-know")))
                .satisfies(e -> assertThat(StartupException.find(e).getMessage())
                        .isEqualTo("SECUREVISIT_EGRESS_VENDOR_SYSLOG: names vendor 'nobody-we-know',"
                                + " which is not in the vendor register"));
        assertThatThrownBy(() -> RunningServer.start(Map.of("audit.syslog.host", "localhost")))
                .satisfies(e -> assertThat(StartupException.find(e).getMessage())
                        .startsWith("SECUREVISIT_EGRESS_VENDOR_SYSLOG: the audit export to syslog over TLS can carry"));
    }

    List<String> ids(String status) {
        List<String> out = new java.util.ArrayList<>();
        json(expect(officer.get("/api/v1/vendors?status=" + status), 200))
                .path("vendors")
                .forEach(v -> out.add(v.path("id").asString()));
        return out;
    }

    List<String> keys() {
        List<String> out = new java.util.ArrayList<>();
        json(expect(officer.get("/api/v1/vendors"), 200))
                .path("vendors")
                .forEach(v -> out.add(v.path("key").asString()));
        return out;
    }

    String deniedAudit() {
        return expect(
                        officer.get("/api/v1/audit/events?userId=" + officerAccount.id() + "&outcome=DENIED&size=200"),
                        200)
                .body();
    }
}
