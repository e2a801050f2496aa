package health.securevisit.patient;

import static health.securevisit.support.Workforce.body;
import static health.securevisit.support.Workforce.expect;
import static health.securevisit.support.Workforce.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import health.securevisit.audit.AuditEvent;
import health.securevisit.audit.Outcome;
import health.securevisit.keys.CiphertextIntegrityException;
import health.securevisit.keys.CryptoShredding;
import health.securevisit.keys.KeyRotation;
import health.securevisit.keys.RotationProgress;
import health.securevisit.keys.ScopeShreddedException;
import health.securevisit.support.CapturedAuditEvents;
import health.securevisit.support.RunningServer;
import health.securevisit.support.Workforce;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * The patient API and storage on one database (subclasses: H2, PostgreSQL). Written against the
 * lead's policy: STAFF and CLINICIAN may create, STAFF may read and search, a clinician without a
 * visit sees nobody, ADMIN gets 403 before existence is revealed.
 */
abstract class PatientApiContract {

    private static final Map<String, Workforce> CLIENTS = new ConcurrentHashMap<>();

    abstract RunningServer server();

    Workforce as(String role) {
        RunningServer server = server();
        return CLIENTS.computeIfAbsent(server.port() + role, k -> {
            String name = Workforce.unique("patient-" + role.toLowerCase(java.util.Locale.ROOT));
            String password = "a long passphrase, " + UUID.randomUUID();
            Workforce.newUser(server, name, password, role);
            Workforce client = Workforce.on(server);
            client.firstSignIn(name, password);
            return client;
        });
    }

    static String mrn() {
        return "T-" + UUID.randomUUID().toString().substring(0, 13);
    }

    static String patient(String mrn, String name, String dob) {
        return body(
                "mrn",
                mrn,
                "fullName",
                name,
                "dateOfBirth",
                dob,
                "phone",
                "+1 (555) 010-2030",
                "email",
                "p@example.org");
    }

    JsonNode create(String mrn, String name, String dob) {
        return json(expect(as("STAFF").post("/api/v1/patients", patient(mrn, name, dob)), 201));
    }

    static String q(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /**
     * A search through {@code POST /api/v1/patients/search}, written as the query it replaces
     * ({@code name=...&dateOfBirth=...}, values URL-encoded with {@link #q}): the body carries them.
     */
    static HttpResponse<String> search(Workforce client, String query) {
        Map<String, String> body = new java.util.LinkedHashMap<>();
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            body.put(pair.substring(0, eq), java.net.URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return client.post("/api/v1/patients/search", Workforce.JSON.writeValueAsString(body));
    }

    static List<String> ids(HttpResponse<String> response) {
        return json(expect(response, 200))
                .path("patients")
                .valueStream()
                .map(p -> p.path("id").asString())
                .toList();
    }

    @Test
    void staffCreatesReadsFindsSearchesAndUpdatesAPatient() {
        Workforce staff = as("STAFF");
        String mrn = mrn();
        HttpResponse<String> created =
                expect(staff.post("/api/v1/patients", patient(mrn, "José Émile O'Brien-Smith", "1980-02-29")), 201);
        JsonNode p = json(created);
        String id = p.path("id").asString();
        assertThat(created.headers().firstValue("Location")).hasValue("/api/v1/patients/" + id);
        assertThat(p.path("fullName").asString()).isEqualTo("José Émile O'Brien-Smith");
        assertThat(p.path("dateOfBirth").asString()).isEqualTo("1980-02-29");
        assertThat(p.has("createdAt") && p.has("updatedAt")).isTrue();

        HttpResponse<String> read = expect(staff.get("/api/v1/patients/" + id), 200);
        assertThat(json(read).path("mrn").asString()).isEqualTo(mrn);
        assertThat(read.headers().firstValue("Cache-Control").orElse("")).contains("no-store");
        // JSON only: asked for as anything else, the record is refused before it is read or decided.
        CapturedAuditEvents events = server().context().getBean(CapturedAuditEvents.class);
        Predicate<AuditEvent> patientReads = e -> id.equals(e.patientId()) && "patient.read".equals(e.action());
        int reads = events.matching(patientReads).size();
        HttpResponse<String> html = staff.send(
                HttpRequest.newBuilder(server().uri("/api/v1/patients/" + id)).header("Accept", "text/html"));
        assertThat(html.statusCode()).isEqualTo(406);
        assertThat(html.body()).doesNotContain("O'Brien");
        assertThat(events.matching(patientReads)).hasSize(reads);

        // find by MRN: trimmed and case-insensitive
        assertThat(ids(search(staff, "mrn=" + q(" " + mrn.toLowerCase(java.util.Locale.ROOT) + " "))))
                .containsExactly(id);
        // search by all words of the name, accents, case and punctuation ignored, with and without DOB
        assertThat(ids(search(staff, "name=" + q("obrien SMITH jose") + "&dateOfBirth=1980-02-29")))
                .isEmpty(); // "obrien" is not a word of "o brien smith"
        assertThat(ids(search(staff, "name=" + q("o'brien SMITH jose") + "&dateOfBirth=1980-02-29")))
                .containsExactly(id);
        assertThat(ids(search(staff, "name=" + q("EMILE")))).contains(id);
        assertThat(ids(search(staff, "name=" + q("emile") + "&dateOfBirth=1980-03-01")))
                .doesNotContain(id);
        assertThat(ids(search(staff, "name=" + q("emile nobody")))).doesNotContain(id);
        assertThat(ids(search(staff, "dateOfBirth=1980-02-29"))).contains(id);

        JsonNode updated = json(expect(
                staff.put(
                        "/api/v1/patients/" + id,
                        body(
                                "mrn",
                                mrn,
                                "fullName",
                                "Jose Renamed",
                                "dateOfBirth",
                                "1980-02-29",
                                "address",
                                "1 Main St")),
                200));
        assertThat(updated.path("fullName").asString()).isEqualTo("Jose Renamed");
        assertThat(updated.path("phone").isNull()).isTrue(); // full replacement
        assertThat(updated.path("createdAt").asString())
                .isEqualTo(p.path("createdAt").asString());
        assertThat(ids(search(staff, "name=" + q("o brien smith")))).doesNotContain(id);
        assertThat(ids(search(staff, "name=" + q("renamed jose")))).containsExactly(id);
    }

    @Test
    void freeTextIsStoredInNfcAndHiddenCharactersAreRefusedWithNothingWritten() {
        Workforce staff = as("STAFF");
        JsonNode created = create(mrn(), "Jose\u0301 Nu\u0303n\u0303ez", "1990-01-01");
        assertThat(created.path("fullName").asString())
                .isEqualTo(
                        java.text.Normalizer.normalize("Jose\u0301 Nu\u0303n\u0303ez", java.text.Normalizer.Form.NFC));
        for (String hidden : List.of("\u202e", "\u2066", "\u200b", "\u2060", "\ufeff")) {
            String mrn = mrn();
            HttpResponse<String> refused = staff.post(
                    "/api/v1/patients",
                    body("mrn", mrn, "fullName", "Ada" + hidden + "Lovelace", "dateOfBirth", "1990-01-01"));
            assertThat(refused.statusCode()).isEqualTo(400);
            assertThat(json(refused).path("code").asString()).isEqualTo("invalid-patient");
            assertThat(json(refused).path("detail").asString())
                    .contains("fullName")
                    .doesNotContain("Ada");
            assertThat(ids(search(staff, "mrn=" + q(mrn)))).isEmpty();
            HttpResponse<String> address = staff.post(
                    "/api/v1/patients",
                    body("mrn", mrn, "fullName", "Ada Lovelace", "dateOfBirth", "1990-01-01", "address", "1" + hidden));
            assertThat(json(address).path("code").asString()).isEqualTo("invalid-patient");
        }
        HttpResponse<String> searched = search(staff, "name=" + q("Ada\u202eLovelace"));
        assertThat(json(searched).path("code").asString()).isEqualTo("invalid-patient");
    }

    @Test
    void theCreatedPatientsIdIsInItsAuditRecord() {
        String id = create(mrn(), "Audit Named", "1990-01-01").path("id").asString();
        CapturedAuditEvents audit = server().context().getBean(CapturedAuditEvents.class);
        assertThat(audit.matching(e -> e.action().equals("patient.create") && id.equals(e.resourceId())))
                .singleElement()
                .satisfies(e -> assertThat(e.outcome()).isEqualTo(Outcome.SUCCESS));
    }

    @Test
    void aBreakGlassReasonCountsVisibleCharactersAndRefusesHiddenOnes() {
        String id = create(mrn(), "Glass Visible", "1990-01-01").path("id").asString();
        // A fresh sign-in: break-glass needs an MFA of the last 5 minutes.
        String name = Workforce.unique("patient-glass");
        String password = "a long passphrase, " + UUID.randomUUID();
        Workforce.newUser(server(), name, password, "CLINICIAN");
        Workforce clinician = Workforce.on(server());
        clinician.firstSignIn(name, password);
        String path = "/api/v1/patients/" + id + "/break-glass";
        assertThat(json(clinician.post(path, body("reason", "a b c d e f g h i j k l m n o p q r s")))
                        .path("code")
                        .asString())
                .as("19 visible characters padded with spaces")
                .isEqualTo("reason-too-short");
        assertThat(json(clinician.post(path, body("reason", "unconscious patient\u202e in the ER, no visit")))
                        .path("code")
                        .asString())
                .isEqualTo("invalid-reason");
        CapturedAuditEvents audit = server().context().getBean(CapturedAuditEvents.class);
        assertThat(audit.matching(e -> e.action().equals("access.break-glass") && id.equals(e.patientId())))
                .extracting(AuditEvent::reason)
                .contains("reason-too-short", "reason-hidden-characters");
    }

    @Test
    void duplicateMrnIsRefusedOnCreateAndUpdateWithoutEchoingIt() {
        Workforce staff = as("STAFF");
        String mrn = mrn();
        create(mrn, "First Holder", "1970-01-01");
        HttpResponse<String> again = expect(
                staff.post(
                        "/api/v1/patients",
                        patient(mrn.toLowerCase(java.util.Locale.ROOT), "Second Holder", "1971-01-01")),
                409);
        assertThat(json(again).path("code").asString()).isEqualTo("mrn-taken");
        assertThat(again.body()).doesNotContainIgnoringCase(mrn).doesNotContain("Second Holder");
        assertThat(ids(search(staff, "name=" + q("second holder")))).isEmpty();

        String other = create(mrn(), "Other Holder", "1972-01-01").path("id").asString();
        HttpResponse<String> clash = expect(
                staff.put(
                        "/api/v1/patients/" + other,
                        body("mrn", mrn, "fullName", "Other Holder", "dateOfBirth", "1972-01-01")),
                409);
        assertThat(json(clash).path("code").asString()).isEqualTo("mrn-taken");
    }

    @Test
    void invalidInputIsRefusedWithStableCodesNamingTheFieldNotTheValue() {
        Workforce staff = as("STAFF");
        String tomorrow = LocalDate.now().plusDays(2).toString();
        Map<String, String> cases = Map.of(
                body("fullName", "No Mrn", "dateOfBirth", "1990-01-01"), "mrn is required",
                body("mrn", "bad mrn!", "fullName", "Bad Mrn", "dateOfBirth", "1990-01-01"), "mrn must be",
                body("mrn", mrn(), "fullName", "Future Born", "dateOfBirth", tomorrow),
                        "dateOfBirth must not be in the future",
                body("mrn", mrn(), "fullName", "Old Born", "dateOfBirth", "1899-12-31"), "before 1900-01-01",
                body("mrn", mrn(), "fullName", "Malformed Date", "dateOfBirth", "31/12/1990"), "form YYYY-MM-DD",
                body("mrn", mrn(), "fullName", "x".repeat(201), "dateOfBirth", "1990-01-01"),
                        "fullName must be at most 200",
                body("mrn", mrn(), "fullName", "Bad Phone", "dateOfBirth", "1990-01-01", "phone", "call me maybe"),
                        "phone must be",
                body("mrn", mrn(), "fullName", "Bad Email", "dateOfBirth", "1990-01-01", "email", "a@b@c"),
                        "email must have",
                body("mrn", mrn(), "fullName", "Long Address", "dateOfBirth", "1990-01-01", "address", "a".repeat(501)),
                        "address must be at most 500",
                body(
                                "mrn",
                                mrn(),
                                "fullName",
                                "Long Insurance",
                                "dateOfBirth",
                                "1990-01-01",
                                "insuranceId",
                                "i".repeat(65)),
                        "insuranceId must be at most 64");
        cases.forEach((request, message) -> {
            HttpResponse<String> refused = expect(staff.post("/api/v1/patients", request), 400);
            assertThat(refused.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
            assertThat(json(refused).path("code").asString()).isEqualTo("invalid-patient");
            assertThat(json(refused).path("detail").asString()).contains(message);
            assertThat(refused.body())
                    .doesNotContain("call me maybe", "a@b@c", "31/12/1990", "bad mrn!", "Future Born");
        });
        assertThat(ids(search(staff, "name=" + q("future born")))).isEmpty();

        HttpResponse<String> unknown = expect(
                staff.post(
                        "/api/v1/patients",
                        body(
                                "mrn",
                                mrn(),
                                "fullName",
                                "Extra Field",
                                "dateOfBirth",
                                "1990-01-01",
                                "ssn",
                                "123-45-6789")),
                400);
        assertThat(json(unknown).path("code").asString()).isEqualTo("unknown-field");
        assertThat(unknown.body()).doesNotContain("123-45-6789", "ssn");
        assertThat(ids(search(staff, "name=" + q("extra field")))).isEmpty();

        assertThat(json(expect(staff.post("/api/v1/patients", "{\"mrn\":"), 400))
                        .path("code")
                        .asString())
                .isEqualTo("invalid-body");
        HttpResponse<String> tooLarge = staff.post(
                "/api/v1/patients",
                body("mrn", mrn(), "fullName", "Huge", "dateOfBirth", "1990-01-01", "address", "a".repeat(2_000_000)));
        assertThat(tooLarge.statusCode()).isEqualTo(413);
        assertThat(json(expect(search(staff, "dateOfBirth=1990-13-01"), 400))
                        .path("code")
                        .asString())
                .isEqualTo("invalid-patient");
        assertThat(json(expect(staff.post("/api/v1/patients/search", "{}"), 400))
                        .path("code")
                        .asString())
                .as("a search without criteria")
                .isEqualTo("invalid-patient");
        assertThat(json(expect(staff.get("/api/v1/patients/not-a-uuid"), 400))
                        .path("code")
                        .asString())
                .isEqualTo("invalid-parameter");
    }

    @Test
    void rolesWithoutPhiAndCliniciansWithoutAVisitAreDeniedBeforeExistenceIsRevealed() {
        String id = create(mrn(), "Denied Person", "1960-06-06").path("id").asString();
        String unknown = UUID.randomUUID().toString();
        Workforce admin = as("ADMIN");
        for (String path : List.of("/api/v1/patients/" + id, "/api/v1/patients/" + unknown, "/api/v1/patients")) {
            assertThat(json(expect(admin.get(path), 403)).path("code").asString())
                    .isEqualTo("access-denied");
        }
        assertThat(json(expect(search(admin, "name=denied"), 403)).path("code").asString())
                .isEqualTo("access-denied");
        assertThat(json(expect(admin.post("/api/v1/patients", patient(mrn(), "By Admin", "1990-01-01")), 403))
                        .path("code")
                        .asString())
                .isEqualTo("access-denied");
        assertThat(json(expect(
                                admin.post(
                                        "/api/v1/patients/" + unknown + "/break-glass", body("reason", "x".repeat(30))),
                                403))
                        .path("code")
                        .asString())
                .isEqualTo("access-denied");
        assertThat(json(expect(as("STAFF").get("/api/v1/patients/" + unknown), 404))
                        .path("code")
                        .asString())
                .isEqualTo("patient-not-found");

        Workforce clinician = as("CLINICIAN");
        assertThat(json(expect(clinician.get("/api/v1/patients/" + id), 403))
                        .path("code")
                        .asString())
                .isEqualTo("access-denied");
        expect(clinician.put("/api/v1/patients/" + id, patient(mrn(), "Changed", "1960-06-06")), 403);
        assertThat(ids(search(clinician, "name=" + q("denied person")))).isEmpty();
        // registration needs no patient yet: a clinician may create
        expect(clinician.post("/api/v1/patients", patient(mrn(), "Registered By Clinician", "1991-01-01")), 201);

        assertThat(Workforce.on(server()).get("/api/v1/patients/" + id).statusCode())
                .isEqualTo(401);
        CapturedAuditEvents audit = server().context().getBean(CapturedAuditEvents.class);
        assertThat(audit.matching(e ->
                        e.outcome() == Outcome.DENIED && id.equals(e.patientId()) && "patient.read".equals(e.action())))
                .isNotEmpty();
    }

    @Test
    void breakGlassNeedsAClinicianAReasonAndAnExistingPatientThenOpensThePatient() {
        String id = create(mrn(), "Emergency Case", "1955-05-05").path("id").asString();
        Workforce clinician = as("CLINICIAN");
        expect(clinician.get("/api/v1/patients/" + id), 403);
        assertThat(json(expect(
                                clinician.post("/api/v1/patients/" + id + "/break-glass", body("reason", "too short")),
                                400))
                        .path("code")
                        .asString())
                .isEqualTo("reason-too-short");
        assertThat(json(expect(
                                clinician.post(
                                        "/api/v1/patients/" + UUID.randomUUID() + "/break-glass",
                                        body("reason", "unconscious patient in the ER, no visit")),
                                404))
                        .path("code")
                        .asString())
                .isEqualTo("patient-not-found");
        assertThat(json(expect(
                                as("STAFF")
                                        .post(
                                                "/api/v1/patients/" + id + "/break-glass",
                                                body("reason", "unconscious patient in the ER, no visit")),
                                403))
                        .path("code")
                        .asString())
                .isEqualTo("access-denied");
        assertThat(json(expect(
                                clinician.post(
                                        "/api/v1/patients/" + id + "/break-glass", body("reason", "r".repeat(1001))),
                                400))
                        .path("code")
                        .asString())
                .isEqualTo("reason-too-long");
        assertThat(json(expect(
                                clinician.post(
                                        "/api/v1/patients/" + id + "/break-glass",
                                        body("reason", "unconscious patient in the ER, no visit", "other", "x")),
                                400))
                        .path("code")
                        .asString())
                .isEqualTo("unknown-field");

        JsonNode grant = json(expect(
                clinician.post(
                        "/api/v1/patients/" + id + "/break-glass",
                        body("reason", "unconscious patient in the ER, no visit")),
                201));
        assertThat(grant.path("grantId").asString()).isNotBlank();
        assertThat(grant.path("expiresAt").asString()).isNotBlank();
        assertThat(json(expect(clinician.get("/api/v1/patients/" + id), 200))
                        .path("fullName")
                        .asString())
                .isEqualTo("Emergency Case");
        CapturedAuditEvents audit = server().context().getBean(CapturedAuditEvents.class);
        List<AuditEvent> events = audit.matching(e -> id.equals(e.patientId()));
        assertThat(events)
                .isNotEmpty()
                .allSatisfy(e -> assertThat(e.toString()).doesNotContain("unconscious", "Emergency Case"));
    }

    @Test
    void patientDataNeverGoesInAUrlAndTheListShowsOnlyWhatTheCallerMaySee() {
        String mrn = mrn();
        String id = create(mrn, "Urlless Listed", "1945-05-05").path("id").asString();
        CapturedAuditEvents audit = server().context().getBean(CapturedAuditEvents.class);
        int before = audit.events().size();
        for (String query : List.of("mrn=" + q(mrn), "name=urlless", "dateOfBirth=1945-05-05", "fullName=x")) {
            HttpResponse<String> refused = as("STAFF").get("/api/v1/patients?" + query);
            assertThat(json(expect(refused, 400)).path("code").asString()).isEqualTo("phi-in-url");
            assertThat(refused.body()).doesNotContain(mrn, "urlless", "1945");
        }
        assertThat(audit.events().size())
                .as("refused before any lookup or decision")
                .isEqualTo(before);
        assertThat(ids(as("STAFF").get("/api/v1/patients"))).contains(id);
        assertThat(ids(as("CLINICIAN").get("/api/v1/patients")))
                .as("a clinician without a visit with the patient")
                .doesNotContain(id);
        assertThat(json(expect(as("ADMIN").get("/api/v1/patients"), 403))
                        .path("code")
                        .asString())
                .isEqualTo("access-denied");
    }

    @Test
    void searchValuesNeverReachTheAuditTrail() {
        String name = "Auditless Searchname";
        create(mrn(), name, "1944-04-04");
        expect(search(as("STAFF"), "name=" + q(name) + "&dateOfBirth=1944-04-04"), 200);
        CapturedAuditEvents audit = server().context().getBean(CapturedAuditEvents.class);
        assertThat(audit.events())
                .allSatisfy(e -> assertThat(e.toString())
                        .doesNotContainIgnoringCase("auditless")
                        .doesNotContain("1944-04-04"));
        assertThat(audit.matching(e -> "patient.search".equals(e.action()) && e.outcome() == Outcome.SUCCESS))
                .isNotEmpty();
    }

    @Test
    void demographicsAreCiphertextAtRestBoundToTheirRow() {
        String mrn = mrn();
        String a = create(mrn, "Plaintextcheck Person", "1933-03-03").path("id").asString();
        String b = create(mrn(), "Second Rowholder", "1934-03-03").path("id").asString();
        JdbcClient jdbc = server().context().getBean(JdbcClient.class);
        Map<String, Object> row = jdbc.sql("select * from patient where id = ?")
                .param(UUID.fromString(a))
                .query()
                .singleRow();
        StringBuilder all = new StringBuilder();
        row.values()
                .forEach(v -> all.append(
                        v instanceof byte[] bytes
                                ? new String(bytes, StandardCharsets.ISO_8859_1)
                                        + HexFormat.of().formatHex(bytes)
                                : String.valueOf(v)));
        assertThat(all.toString())
                .doesNotContainIgnoringCase("plaintextcheck")
                .doesNotContain(
                        mrn,
                        "1933-03-03",
                        "5550102030",
                        "010-2030",
                        HexFormat.of().formatHex("Plaintextcheck".getBytes(StandardCharsets.UTF_8)));
        List<byte[]> words = jdbc.sql("select word_index from patient_name_word where patient_id = ?")
                .param(UUID.fromString(a))
                .query(byte[].class)
                .list();
        assertThat(words).hasSize(2).allSatisfy(w -> assertThat(w).hasSize(32));

        // a ciphertext moved to another row does not decrypt there
        byte[] name = (byte[]) row.get("full_name_enc");
        jdbc.sql("update patient set full_name_enc = ? where id = ?")
                .params(name, UUID.fromString(b))
                .update();
        HttpResponse<String> moved = as("STAFF").get("/api/v1/patients/" + b);
        assertThat(moved.statusCode()).isEqualTo(500);
        assertThat(json(moved).path("code").asString()).isEqualTo("integrity-error");
        assertThat(moved.body()).doesNotContainIgnoringCase("plaintextcheck");
        Patients patients = server().context().getBean(Patients.class);
        assertThatThrownBy(() -> patients.find(UUID.fromString(b))).isInstanceOf(CiphertextIntegrityException.class);
    }

    @Test
    void cryptoShreddingMakesTheRecordUnreadableWhileIndexLookupsStillWork() {
        Patients patients = server().context().getBean(Patients.class);
        String mrn = mrn();
        String id = create(mrn, "Shredded Subject", "1922-02-22").path("id").asString();
        UUID uuid = UUID.fromString(id);
        server().context().getBean(CryptoShredding.class).shred("patient:" + id);

        assertThatThrownBy(() -> patients.find(uuid))
                .isInstanceOf(CiphertextIntegrityException.class)
                .hasMessageContaining("destroyed");
        HttpResponse<String> read = as("STAFF").get("/api/v1/patients/" + id);
        assertThat(json(read).path("code").asString()).isEqualTo("integrity-error");
        assertThatThrownBy(() -> patients.update(
                        uuid, new PatientDetails(mrn, "Reborn", LocalDate.of(1922, 2, 22), null, null, null, null)))
                .isInstanceOf(ScopeShreddedException.class);
        // Finding and searching read blind indexes only: no decryption, so the shredded row is still found.
        assertThat(patients.findIdByMrn(mrn)).contains(uuid);
        assertThat(patients.search("shredded subject", LocalDate.of(1922, 2, 22), 10))
                .containsExactly(uuid);
        assertThat(patients.exists(uuid)).isTrue();
        // A search that finds it still answers, without the unreadable record.
        String other =
                create(mrn(), "Shredded Neighbour", "1922-02-22").path("id").asString();
        assertThat(ids(search(as("STAFF"), "dateOfBirth=1922-02-22")))
                .contains(other)
                .doesNotContain(id);
    }

    @Test
    void concurrentCreatesWithOneMrnLeaveExactlyOnePatient() throws Exception {
        Patients patients = server().context().getBean(Patients.class);
        String mrn = mrn();
        int writers = 4;
        java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(writers);
        try {
            List<java.util.concurrent.Future<Object>> results = new java.util.ArrayList<>();
            for (int i = 0; i < writers; i++) {
                String name = "Racer Number" + i;
                results.add(pool.submit(() -> {
                    start.await();
                    try {
                        return patients.create(
                                new PatientDetails(mrn, name, LocalDate.of(1950, 1, 1), null, null, null, null));
                    } catch (DuplicateMrnException e) {
                        return e;
                    }
                }));
            }
            start.countDown();
            List<Object> outcomes = new java.util.ArrayList<>();
            for (java.util.concurrent.Future<Object> result : results) {
                outcomes.add(result.get(30, java.util.concurrent.TimeUnit.SECONDS));
            }
            assertThat(outcomes).filteredOn(PatientRecord.class::isInstance).hasSize(1);
            assertThat(outcomes)
                    .filteredOn(DuplicateMrnException.class::isInstance)
                    .hasSize(writers - 1);
            assertThat(patients.search("racer", null, 10)).hasSize(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void identityCheckComparesNormalisedDataPoints() {
        Patients patients = server().context().getBean(Patients.class);
        String mrn = mrn();
        UUID id = patients.create(new PatientDetails(
                        mrn,
                        "Zoë  Ångström",
                        LocalDate.of(1985, 7, 4),
                        "12 Rue de l'Église, Paris",
                        "+33 1 23 45 67 89",
                        null,
                        null))
                .id();
        IdentityCheck good = patients.check(
                id,
                Map.of(
                        DataPoint.FULL_NAME, "zoe angstrom",
                        DataPoint.DATE_OF_BIRTH, "1985-07-04",
                        DataPoint.ADDRESS, "12 rue de l eglise paris",
                        DataPoint.PHONE, "33-123-456-789",
                        DataPoint.MRN, " " + mrn.toLowerCase(java.util.Locale.ROOT),
                        DataPoint.PHOTO_ID_INSPECTED, "true"));
        assertThat(good.matched()).containsExactlyInAnyOrder(DataPoint.values());
        assertThat(good.verified(2)).isTrue();

        IdentityCheck bad = patients.check(
                id,
                Map.of(
                        DataPoint.FULL_NAME, "Zoe Angstrom Jr",
                        DataPoint.DATE_OF_BIRTH, "04/07/1985",
                        DataPoint.PHONE, "123 456 789",
                        DataPoint.PHOTO_ID_INSPECTED, "false"));
        assertThat(bad.matched()).isEmpty();
        assertThat(bad.mismatched())
                .containsExactlyInAnyOrder(
                        DataPoint.FULL_NAME, DataPoint.DATE_OF_BIRTH, DataPoint.PHONE, DataPoint.PHOTO_ID_INSPECTED);
        assertThat(bad.verified(2)).isFalse();
        assertThatThrownBy(() -> patients.check(UUID.randomUUID(), Map.of(DataPoint.MRN, mrn)))
                .isInstanceOf(PatientNotFoundException.class);
    }

    @Test
    void findAndSearchStillWorkAfterKekRotation() throws InterruptedException {
        Workforce staff = as("STAFF");
        String mrn = mrn();
        String id = create(mrn, "Rotation Survivor", "1966-06-16").path("id").asString();
        KeyRotation rotation = server().context().getBean(KeyRotation.class);
        RotationProgress progress = rotation.running().orElseGet(rotation::start);
        while (!progress.completed()) {
            Thread.sleep(100);
            progress = rotation.find(progress.id()).orElseThrow();
        }
        assertThat(progress.done()).isEqualTo(progress.total());
        assertThat(ids(search(staff, "mrn=" + q(mrn)))).containsExactly(id);
        assertThat(ids(search(staff, "name=" + q("survivor rotation") + "&dateOfBirth=1966-06-16")))
                .containsExactly(id);
        assertThat(json(expect(staff.get("/api/v1/patients/" + id), 200))
                        .path("fullName")
                        .asString())
                .isEqualTo("Rotation Survivor");
        expect(staff.post("/api/v1/patients", patient(mrn, "Duplicate After Rotation", "1966-06-16")), 409);
    }

    @Test
    void noDemographicsReachTheLog() {
        Workforce staff = as("STAFF"); // the server is up before capturing: its start resets logging
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        ListAppender<ILoggingEvent> captured = new ListAppender<>();
        captured.start();
        root.addAppender(captured);
        try {
            String mrn = mrn();
            String id =
                    create(mrn, "Loggless Patientname", "1911-11-11").path("id").asString();
            staff.post("/api/v1/patients", patient(mrn, "Loggless Duplicate", "1911-11-11"));
            staff.post(
                    "/api/v1/patients", body("mrn", mrn(), "fullName", "Loggless Future", "dateOfBirth", "2999-01-01"));
            staff.post(
                    "/api/v1/patients",
                    body(
                            "mrn",
                            mrn(),
                            "fullName",
                            "Loggless Unknown",
                            "dateOfBirth",
                            "1911-11-11",
                            "diagnosis",
                            "loggless-secret"));
            search(staff, "name=" + q("loggless patientname") + "&dateOfBirth=1911-11-11");
            search(staff, "mrn=" + q(mrn));
            JdbcClient jdbc = server().context().getBean(JdbcClient.class);
            jdbc.sql("update patient set email_enc = full_name_enc where id = ?")
                    .param(UUID.fromString(id))
                    .update();
            expect(staff.get("/api/v1/patients/" + id), 500); // an integrity failure is logged, by place only
        } finally {
            root.detachAppender(captured);
        }
        assertThat(captured.list).isNotEmpty().allSatisfy(e -> {
            StringBuilder text = new StringBuilder(e.getFormattedMessage());
            for (IThrowableProxy t = e.getThrowableProxy(); t != null; t = t.getCause()) {
                text.append(' ').append(t.getMessage());
            }
            assertThat(text.toString())
                    .doesNotContainIgnoringCase("loggless")
                    .doesNotContain("1911-11-11", "2999-01-01");
        });
    }
}
