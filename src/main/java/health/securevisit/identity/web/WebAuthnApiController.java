package health.securevisit.identity.web;

import health.securevisit.identity.WorkforcePrincipal;
import health.securevisit.identity.internal.IdentityFailure;
import health.securevisit.identity.internal.SessionControl;
import health.securevisit.identity.internal.WebAuthnSignIn;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.web.webauthn.api.AuthenticatorAssertionResponse;
import org.springframework.security.web.webauthn.api.AuthenticatorAttestationResponse;
import org.springframework.security.web.webauthn.api.PublicKeyCredential;
import org.springframework.security.web.webauthn.jackson.WebauthnJacksonModule;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * WebAuthn ceremonies in the WebAuthn JSON encoding (base64url): registration of security keys and
 * passkeys, and assertions for the second factor, step-up, or passwordless sign-in.
 */
@RestController
@RequestMapping("/api/v1/auth/webauthn")
@Tag(name = "webauthn", description = "Security keys and passkeys")
class WebAuthnApiController {

    record Done(String next, List<String> recoveryCodes) {}

    /**
     * The browser's credential JSON, read with Spring Security's WebAuthn module: members the
     * browser adds are its own (not refused as elsewhere), but a key given twice is.
     */
    private static final JsonMapper JSON = JsonMapper.builder()
            .addModule(new WebauthnJacksonModule())
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private final WebAuthnSignIn webAuthn;
    private final SessionControl sessions;

    WebAuthnApiController(WebAuthnSignIn webAuthn, SessionControl sessions) {
        this.webAuthn = webAuthn;
        this.sessions = sessions;
    }

    @PostMapping(value = "/registration/options", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Options for navigator.credentials.create() (user verification required)")
    String registrationOptions(HttpServletRequest request, HttpServletResponse response) {
        return JSON.writeValueAsString(webAuthn.registrationOptions(AuthApiController.signedIn(), request, response));
    }

    @PostMapping(value = "/registration", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Register the new credential: {\"credential\": PublicKeyCredential JSON, \"label\": name}")
    Done register(@RequestBody String body, HttpServletRequest request, HttpServletResponse response) {
        JsonNode tree = parse(body);
        PublicKeyCredential<AuthenticatorAttestationResponse> credential =
                convert(tree.path("credential"), new TypeReference<>() {});
        String label = tree.path("label").asString("Security key").strip();
        if (label.isEmpty() || label.length() > 100) {
            label = "Security key";
        }
        WebAuthnSignIn.Registered registered =
                webAuthn.register(AuthApiController.signedIn(), credential, label, request, response);
        sessions.establish(registered.principal(), request, response);
        return new Done("done", registered.recoveryCodes());
    }

    @PostMapping(value = "/authentication/options", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Options for navigator.credentials.get(): the caller's keys, or any passkey when signed out")
    String authenticationOptions(HttpServletRequest request, HttpServletResponse response) {
        WorkforcePrincipal principal = SessionControl.principal().orElse(null);
        return JSON.writeValueAsString(webAuthn.authenticationOptions(principal, request.getRemoteAddr(), response));
    }

    @PostMapping(value = "/authentication", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Verify an assertion: second factor, step-up, or passwordless sign-in")
    ResponseEntity<Done> authenticate(
            @RequestBody String body, HttpServletRequest request, HttpServletResponse response) {
        PublicKeyCredential<AuthenticatorAssertionResponse> assertion = convert(parse(body), new TypeReference<>() {});
        WorkforcePrincipal principal = SessionControl.principal().orElse(null);
        WorkforcePrincipal done =
                webAuthn.authenticate(principal, assertion, request.getRemoteAddr(), request, response);
        sessions.establish(done, request, response);
        return ResponseEntity.ok(new Done("done", List.of()));
    }

    private static JsonNode parse(String body) {
        try {
            return JSON.readTree(body);
        } catch (JacksonException e) {
            throw IdentityFailure.webauthnFailed();
        }
    }

    private static <T> T convert(JsonNode node, TypeReference<T> type) {
        try {
            return JSON.treeToValue(node, type);
        } catch (JacksonException | IllegalArgumentException e) {
            throw IdentityFailure.webauthnFailed();
        }
    }
}
