package health.securevisit.keys.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import health.securevisit.platform.PlatformSettings;
import java.nio.file.Files;
import java.util.UUID;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

/** The keys admin API: who may see the inventory and rotate, and that no key material ever leaves. */
@SpringBootTest(
        properties = {
            "securevisit.data-dir=target/test-data/${random.uuid}",
            "server.port=0",
            "securevisit.keys.warmup=0"
        })
@AutoConfigureMockMvc
class KeysApiTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    PlatformSettings platform;

    @Test
    @WithMockUser(roles = "AUDITOR")
    void auditorSeesTheInventoryWithoutKeyMaterial() throws Exception {
        MvcResult result = mvc.perform(get("/api/v1/keys"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.keys[?(@.name == 'kek' && @.state == 'active')].algorithm")
                        .value(Matchers.contains("AES-256-GCM")))
                .andExpect(
                        jsonPath("$.keys[?(@.name == 'kek')].storage").value(Matchers.everyItem(Matchers.is("file"))))
                .andExpect(jsonPath("$.keys[?(@.name == 'audit-checkpoint-signing')].algorithm")
                        .value(Matchers.contains("Ed25519")))
                .andExpect(jsonPath("$.keys[?(@.name == 'keyring-seal')].location")
                        .value(Matchers.contains(Matchers.endsWith("master.key"))))
                .andReturn();
        String body = result.getResponse().getContentAsString();
        String masterKey =
                Files.readString(platform.dataDir().resolve("keys/master.key")).strip();
        assertThat(body).doesNotContain(masterKey).doesNotContain("keyset").contains("\"created\"");
    }

    @Test
    @WithMockUser(roles = "SECURITY_OFFICER")
    void securityOfficerGetsTheSigningPublicKeyAsPem() throws Exception {
        mvc.perform(get("/api/v1/keys/signing-key"))
                .andExpect(status().isOk())
                .andExpect(header().string("Content-Type", Matchers.startsWith("application/x-pem-file")))
                .andExpect(result ->
                        assertThat(result.getResponse().getContentAsString()).startsWith("-----BEGIN PUBLIC KEY-----"));
    }

    @Test
    @WithMockUser(roles = "CLINICIAN")
    void otherRolesAreForbidden() throws Exception {
        mvc.perform(get("/api/v1/keys"))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.code").value("forbidden"));
        mvc.perform(get("/api/v1/keys/signing-key")).andExpect(status().isForbidden());
        mvc.perform(post("/api/v1/keys/rotations").with(csrf())).andExpect(status().isForbidden());
    }

    @Test
    void anonymousCallersAreUnauthenticated() throws Exception {
        mvc.perform(get("/api/v1/keys"))
                .andExpect(status().isUnauthorized())
                .andExpect(jsonPath("$.code").value("unauthenticated"));
        mvc.perform(post("/api/v1/keys/rotations").with(csrf())).andExpect(status().isUnauthorized());
    }

    @Test
    @WithMockUser(roles = "AUDITOR")
    void onlyAdministratorsRotate() throws Exception {
        mvc.perform(post("/api/v1/keys/rotations").with(csrf()))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.code").value("forbidden"));
    }

    @Test
    @WithMockUser(roles = "ADMIN")
    void rotationNeedsACsrfToken() throws Exception {
        mvc.perform(post("/api/v1/keys/rotations"))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.code").value("csrf-token-invalid"));
    }

    @Test
    @WithMockUser(roles = "ADMIN")
    void adminStartsARotationAndFollowsItsProgress() throws Exception {
        MvcResult started = mvc.perform(post("/api/v1/keys/rotations").with(csrf()))
                .andExpect(status().isAccepted())
                .andExpect(header().string("Location", Matchers.containsString("/api/v1/keys/rotations/")))
                .andExpect(jsonPath("$.kekVersion").isNumber())
                .andExpect(jsonPath("$.total").isNumber())
                .andReturn();
        String location = started.getResponse().getHeader("Location");
        String state = "running";
        for (int i = 0; i < 200 && !state.equals("completed"); i++) {
            Thread.sleep(50);
            state = com.jayway.jsonpath.JsonPath.read(
                    mvc.perform(get(location))
                            .andExpect(status().isOk())
                            .andExpect(jsonPath("$.done").isNumber())
                            .andReturn()
                            .getResponse()
                            .getContentAsString(),
                    "$.state");
        }
        assertThat(state).isEqualTo("completed");
        mvc.perform(get("/api/v1/keys"))
                .andExpect(jsonPath("$.keys[?(@.name == 'kek' && @.state == 'destroyed')]")
                        .isNotEmpty());
    }

    @Test
    @WithMockUser(roles = "ADMIN")
    void unknownRotationIsNotFound() throws Exception {
        mvc.perform(get("/api/v1/keys/rotations/" + UUID.randomUUID()))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.code").value("rotation-not-found"));
        mvc.perform(get("/api/v1/keys/rotations/not-a-uuid"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("invalid-parameter"));
    }
}
