package health.securevisit.audit.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import health.securevisit.audit.AuditEvent;
import health.securevisit.audit.AuditTrail;
import health.securevisit.audit.Outcome;
import health.securevisit.audit.PurposeOfUse;
import health.securevisit.audit.internal.CheckpointNote;
import health.securevisit.audit.internal.MerkleHashes;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.security.test.context.support.WithAnonymousUser;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/** The audit HTTP API: roles, queries that are themselves audited, checkpoints and proofs, holds. */
@SpringBootTest(
        properties = {
            "securevisit.data-dir=target/test-data/${random.uuid}",
            "server.port=0",
            "securevisit.audit.checkpoint-interval=50ms"
        })
@AutoConfigureMockMvc
class AuditApiTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    AuditTrail trail;

    @Autowired
    ObjectMapper json;

    String patient;

    @BeforeEach
    void recordSomeAccesses() {
        patient = "p-" + UUID.randomUUID();
        for (int i = 0; i < 5; i++) {
            trail.record(
                    AuditEvent.builder("chart.read", i == 3 ? Outcome.DENIED : Outcome.SUCCESS, PurposeOfUse.TREATMENT)
                            .actor("dr-" + i, "CLINICIAN")
                            .resource("chart", "c-" + i)
                            .patient(patient)
                            .reason(i == 3 ? "no-care-relationship" : null)
                            .build());
        }
    }

    JsonNode getJson(String url) throws Exception {
        MvcResult r = mvc.perform(get(url)).andExpect(status().isOk()).andReturn();
        return json.readTree(r.getResponse().getContentAsString(java.nio.charset.StandardCharsets.UTF_8));
    }

    JsonNode getJson(String url, RequestPostProcessor as) throws Exception {
        MvcResult r = mvc.perform(get(url).with(as)).andExpect(status().isOk()).andReturn();
        return json.readTree(r.getResponse().getContentAsString(java.nio.charset.StandardCharsets.UTF_8));
    }

    JsonNode checkpointOfAtLeast(long size) throws Exception {
        for (int i = 0; i < 100; i++) {
            MvcResult r = mvc.perform(get("/api/v1/audit/checkpoint")).andReturn();
            if (r.getResponse().getStatus() == 200) {
                JsonNode cp =
                        json.readTree(r.getResponse().getContentAsString(java.nio.charset.StandardCharsets.UTF_8));
                if (cp.get("treeSize").asLong() >= size) {
                    return cp;
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no checkpoint of size " + size);
    }

    static byte[] b64(JsonNode n) {
        return Base64.getDecoder().decode(n.asString());
    }

    static List<byte[]> hashes(JsonNode n) {
        return n.valueStream().map(AuditApiTests::b64).toList();
    }

    @Test
    @WithAnonymousUser
    void anonymousCallersGet401() throws Exception {
        mvc.perform(get("/api/v1/audit/events"))
                .andExpect(status().isUnauthorized())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
    }

    @Test
    @WithMockUser(username = "alice", roles = "AUDITOR")
    void tilesAreServedReadOnlyFromTheSealedMonthsOnly() throws Exception {
        mvc.perform(get("/api/v1/audit/tiles/tile/0/..%2F..%2Fdb")).andExpect(status().is4xxClientError());
        for (String url : List.of(
                "/api/v1/audit/tiles/months/1999-01",
                "/api/v1/audit/tiles/tile/0/x001/234",
                "/api/v1/audit/tiles/db/securevisit.mv.db")) {
            mvc.perform(get(url))
                    .andExpect(status().isNotFound())
                    .andExpect(jsonPath("$.code").value("tile-not-found"));
        }
        mvc.perform(post("/api/v1/audit/tiles/checkpoint").with(csrf())).andExpect(status().is4xxClientError());
    }

    @Test
    @WithMockUser(username = "carol", roles = "CLINICIAN")
    void cliniciansAreForbidden() throws Exception {
        for (String url : List.of(
                "/api/v1/audit/events",
                "/api/v1/audit/checkpoint",
                "/api/v1/audit/public-key",
                "/api/v1/audit/tiles/checkpoint",
                "/api/v1/audit/retention")) {
            mvc.perform(get(url))
                    .andExpect(status().isForbidden())
                    .andExpect(jsonPath("$.code").value("forbidden"));
        }
    }

    @Test
    void aRefusedQueryIsItselfAuditedAsDenied() throws Exception {
        String clinician = "carol-" + UUID.randomUUID();
        MvcResult refused = mvc.perform(
                        get("/api/v1/audit/events").with(user(clinician).roles("CLINICIAN")))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.code").value("forbidden"))
                .andReturn();
        mvc.perform(get("/console/audit").with(user(clinician).roles("CLINICIAN")))
                .andExpect(status().isForbidden());
        mvc.perform(get("/api/v1/audit/retention").with(user(clinician).roles("CLINICIAN")))
                .andExpect(status().isForbidden());

        MvcResult r = mvc.perform(get("/api/v1/audit/events")
                        .param("userId", clinician)
                        .with(user("alice").roles("AUDITOR")))
                .andExpect(status().isOk())
                .andReturn();
        List<JsonNode> denials = json.readTree(
                        r.getResponse().getContentAsString(java.nio.charset.StandardCharsets.UTF_8))
                .get("events")
                .valueStream()
                .toList();
        assertThat(denials).hasSize(3);
        assertThat(denials)
                .extracting(e -> e.get("resourceId").asString())
                .containsExactly("status", "search", "events");
        JsonNode query = denials.getLast();
        assertThat(query.get("action").asString()).isEqualTo("audit.query");
        assertThat(query.get("outcome").asString()).isEqualTo("DENIED");
        assertThat(query.get("reason").asString()).isEqualTo("role-not-permitted");
        assertThat(query.get("actorRole").asString()).isEqualTo("CLINICIAN");
        assertThat(query.get("purpose").asString()).isEqualTo("COMPLIANCE");
        assertThat(query.get("resourceType").asString()).isEqualTo("audit-trail");
        assertThat(query.get("requestId").asString())
                .isEqualTo(refused.getResponse().getHeader("X-Request-Id"));
    }

    @Test
    @WithAnonymousUser
    void anonymousCallsLeaveNoRefusedQueryEntry() throws Exception {
        mvc.perform(get("/api/v1/audit/events")).andExpect(status().isUnauthorized());
        JsonNode page = getJson(
                "/api/v1/audit/events?userId=anonymousUser&outcome=DENIED",
                user("alice").roles("AUDITOR"));
        assertThat(page.get("events").valueStream().toList()).isEmpty();
    }

    @Test
    @WithMockUser(username = "alice", roles = "AUDITOR")
    void accountingByPatientListsWhoAccessedAndIsItselfAudited() throws Exception {
        MvcResult r = mvc.perform(get("/api/v1/audit/events").param("patientId", patient))
                .andExpect(status().isOk())
                .andReturn();
        JsonNode page = json.readTree(r.getResponse().getContentAsString(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(page.get("events").valueStream().map(e -> e.get("actorId").asString()))
                .containsExactly("dr-4", "dr-3", "dr-2", "dr-1", "dr-0");
        String requestId = r.getResponse().getHeader("X-Request-Id");

        JsonNode audited = getJson("/api/v1/audit/events?userId=alice&size=200");
        JsonNode search = audited.get("events")
                .valueStream()
                .filter(e -> patient.equals(e.get("patientId").asString(null)))
                .findFirst()
                .orElseThrow();
        assertThat(search.get("action").asString()).isEqualTo("audit.search");
        assertThat(search.get("actorRole").asString()).isEqualTo("AUDITOR");
        assertThat(search.get("purpose").asString()).isEqualTo("COMPLIANCE");
        assertThat(search.get("requestId").asString()).isEqualTo(requestId);
        assertThat(search.get("sourceAddress").asString()).isNotBlank();
    }

    @Test
    @WithMockUser(username = "alice", roles = "AUDITOR")
    void filtersByOutcomeAndPaginates() throws Exception {
        JsonNode denied = getJson("/api/v1/audit/events?outcome=DENIED&patientId=" + patient);
        assertThat(denied.get("events")).hasSize(1);
        assertThat(denied.get("events").get(0).get("reason").asString()).isEqualTo("no-care-relationship");
        // The accounting of a patient also lists the auditors' own searches of it (audit.search).
        List<Long> seqs = new java.util.ArrayList<>();
        List<String> reads = new java.util.ArrayList<>();
        JsonNode page = getJson("/api/v1/audit/events?size=2&patientId=" + patient);
        long before = page.get("before").asLong();
        int n = 0;
        do {
            page = getJson("/api/v1/audit/events?size=2&page=" + n++ + "&before=" + before + "&patientId=" + patient);
            assertThat(page.get("events").size()).isLessThanOrEqualTo(2);
            page.get("events").forEach(e -> {
                seqs.add(e.get("seq").asLong());
                if (e.get("action").asString().equals("chart.read")) {
                    reads.add(e.get("actorId").asString());
                }
            });
        } while (page.get("hasNext").asBoolean());
        assertThat(reads).containsExactly("dr-4", "dr-3", "dr-2", "dr-1", "dr-0");
        assertThat(seqs)
                .isSortedAccordingTo(java.util.Comparator.reverseOrder())
                .doesNotHaveDuplicates();
        JsonNode none = getJson("/api/v1/audit/events?from=2000-01-01T00:00:00Z&to=2000-01-02T00:00:00Z");
        assertThat(none.get("events")).isEmpty();
    }

    @Test
    @WithMockUser(username = "alice", roles = "AUDITOR")
    void badQueryParametersAreProblems() throws Exception {
        for (String[] param : List.of(
                new String[] {"size", "1000"},
                new String[] {"page", "-1"},
                new String[] {"before", "0"},
                new String[] {"outcome", "MAYBE"},
                new String[] {"from", "yesterday"},
                new String[] {"patientId", "John Smith"},
                new String[] {"userId", "x".repeat(129)})) {
            MvcResult r = mvc.perform(get("/api/v1/audit/events").param(param[0], param[1]))
                    .andReturn();
            assertThat(r.getResponse().getStatus()).as(param[0]).isEqualTo(400);
            assertThat(r.getResponse().getContentType()).startsWith("application/problem+json");
            assertThat(r.getResponse().getContentAsString(java.nio.charset.StandardCharsets.UTF_8))
                    .contains("\"code\":\"invalid-request\"")
                    .doesNotContain("Smith");
        }
    }

    @Test
    @WithMockUser(username = "alice", roles = "AUDITOR")
    void checkpointsVerifyWithThePublishedKeyAndProofsWithTheirRoots() throws Exception {
        JsonNode first = checkpointOfAtLeast(5);
        JsonNode key = getJson("/api/v1/audit/public-key");
        String[] vkey = key.get("verifierKey").asString().split("\\+", 3);
        String name = vkey[0];
        byte[] raw = Base64.getDecoder().decode(vkey[2]);
        byte[] pub = java.util.Arrays.copyOfRange(raw, 1, 33);
        assertThat(CheckpointNote.verifierKey(name, pub))
                .isEqualTo(key.get("verifierKey").asString());
        assertThat(key.get("pem").asString()).startsWith("-----BEGIN PUBLIC KEY-----");
        var note1 = CheckpointNote.open(first.get("note").asString(), name, pub).orElseThrow();
        assertThat(note1.size()).isEqualTo(first.get("treeSize").asLong());

        recordSomeAccesses();
        JsonNode second = checkpointOfAtLeast(note1.size() + 5);
        var note2 =
                CheckpointNote.open(second.get("note").asString(), name, pub).orElseThrow();

        JsonNode consistency = getJson("/api/v1/audit/proofs/consistency?from=" + note1.size() + "&to=" + note2.size());
        assertThat(MerkleHashes.verifyConsistency(
                        note1.size(), note2.size(), note1.root(), note2.root(), hashes(consistency.get("hashes"))))
                .isTrue();
        for (long i : new long[] {0, note1.size() - 1, note2.size() - 1}) {
            JsonNode p = getJson("/api/v1/audit/proofs/inclusion?index=" + i + "&treeSize=" + note2.size());
            assertThat(MerkleHashes.verifyInclusion(
                            i, note2.size(), b64(p.get("leafHash")), hashes(p.get("hashes")), note2.root()))
                    .isTrue();
            assertThat(MerkleHashes.verifyInclusion(
                            i, note2.size(), b64(p.get("leafHash")), hashes(p.get("hashes")), note1.root()))
                    .isFalse();
        }
        mvc.perform(get("/api/v1/audit/proofs/inclusion?index=5&treeSize=5"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("invalid-proof-range"));
        mvc.perform(get("/api/v1/audit/proofs/consistency?from=2&to=" + Long.MAX_VALUE))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("invalid-proof-range"));
    }

    @Test
    @WithMockUser(username = "alice", roles = "AUDITOR")
    void anEntryComesWithItsCanonicalEncodingAndInclusionProof() throws Exception {
        JsonNode page = getJson("/api/v1/audit/events?size=1&patientId=" + patient);
        long seq = page.get("events").get(0).get("seq").asLong();
        checkpointOfAtLeast(seq + 1);
        JsonNode detail = getJson("/api/v1/audit/events/" + seq);
        byte[] leaf = MerkleHashes.leaf(b64(detail.get("canonical")));
        assertThat(leaf).isEqualTo(b64(detail.get("entry").get("leafHash")));
        JsonNode proof = detail.get("proof");
        byte[] root = b64(detail.get("checkpoint").get("rootHash"));
        assertThat(MerkleHashes.verifyInclusion(
                        seq, proof.get("treeSize").asLong(), leaf, hashes(proof.get("hashes")), root))
                .isTrue();
        mvc.perform(get("/api/v1/audit/events/" + seq + "/fhir"))
                .andExpect(status().isOk())
                .andExpect(content().contentTypeCompatibleWith("application/fhir+json"))
                .andExpect(jsonPath("$.resourceType").value("AuditEvent"));
        mvc.perform(get("/api/v1/audit/events/999999999"))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.code").value("audit-entry-not-found"));
    }

    @Test
    @WithMockUser(username = "alice", roles = "AUDITOR")
    void theServerVerifiesItsOwnTrailOnDemand() throws Exception {
        checkpointOfAtLeast(5);
        mvc.perform(post("/api/v1/audit/verifications").with(csrf()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.ok").value(true));
        JsonNode latest = getJson("/api/v1/audit/verifications/latest");
        assertThat(latest.get("summary").asString()).startsWith("audit verify: OK");
    }

    @Test
    @WithMockUser(username = "sam", roles = "SECURITY_OFFICER")
    void securityOfficersPlaceAndReleaseLegalHolds() throws Exception {
        MvcResult placed = mvc.perform(post("/api/v1/audit/legal-holds")
                        .with(csrf())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"scope\":\"PATIENT\",\"subjectId\":\"" + patient + "\",\"reason\":\"litigation\"}"))
                .andExpect(status().isCreated())
                .andReturn();
        String id = json.readTree(placed.getResponse().getContentAsString(java.nio.charset.StandardCharsets.UTF_8))
                .get("id")
                .asString();
        assertThat(getJson("/api/v1/audit/legal-holds")
                        .valueStream()
                        .map(h -> h.get("id").asString()))
                .contains(id);
        mvc.perform(post("/api/v1/audit/legal-holds/" + id + "/release").with(csrf()))
                .andExpect(status().isNoContent());
        assertThat(getJson("/api/v1/audit/legal-holds")
                        .valueStream()
                        .map(h -> h.get("id").asString()))
                .doesNotContain(id);
        mvc.perform(post("/api/v1/audit/legal-holds/" + id + "/release").with(csrf()))
                .andExpect(status().isNotFound());
        mvc.perform(post("/api/v1/audit/legal-holds")
                        .with(csrf())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"scope\":\"PATIENT\",\"subjectId\":\"x\",\"reason\":\"Because John Smith sued\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("invalid-request"));
        JsonNode audited = getJson("/api/v1/audit/events?userId=sam&size=200");
        assertThat(audited.get("events").valueStream().map(e -> e.get("action").asString()))
                .contains("audit.legal-hold.place", "audit.legal-hold.release");
    }

    @Test
    @WithMockUser(username = "alice", roles = "AUDITOR")
    void auditorsCannotPlaceHolds() throws Exception {
        mvc.perform(post("/api/v1/audit/legal-holds")
                        .with(csrf())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"scope\":\"INCIDENT\",\"subjectId\":\"inc-1\",\"reason\":\"breach\"}"))
                .andExpect(status().isForbidden());
    }
}
