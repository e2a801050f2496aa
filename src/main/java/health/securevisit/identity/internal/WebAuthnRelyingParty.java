package health.securevisit.identity.internal;

import java.util.LinkedHashSet;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.security.web.webauthn.api.AuthenticatorSelectionCriteria;
import org.springframework.security.web.webauthn.api.PublicKeyCredentialRpEntity;
import org.springframework.security.web.webauthn.api.ResidentKeyRequirement;
import org.springframework.security.web.webauthn.api.UserVerificationRequirement;
import org.springframework.security.web.webauthn.management.PublicKeyCredentialUserEntityRepository;
import org.springframework.security.web.webauthn.management.UserCredentialRepository;
import org.springframework.security.web.webauthn.management.WebAuthnRelyingPartyOperations;
import org.springframework.security.web.webauthn.management.Webauthn4JRelyingPartyOperations;
import org.springframework.stereotype.Component;

/**
 * The WebAuthn relying party (Spring Security's webauthn4j operations): relying-party id and
 * allowed origins are checked on every ceremony, user verification is required, and passkeys
 * (discoverable credentials) are preferred. Without configured origins the origin is
 * {@code https://<rp-id>:<port>} of this server, known once the listener is up.
 */
@Component
public class WebAuthnRelyingParty implements ApplicationListener<WebServerInitializedEvent> {

    private final IdentitySettings.WebAuthn settings;
    private final PublicKeyCredentialUserEntityRepository userEntities;
    private final UserCredentialRepository credentials;
    private volatile int port = 443;
    private volatile @Nullable WebAuthnRelyingPartyOperations operations;

    WebAuthnRelyingParty(
            IdentitySettings settings,
            PublicKeyCredentialUserEntityRepository userEntities,
            UserCredentialRepository credentials) {
        this.settings = settings.webauthn();
        this.userEntities = userEntities;
        this.credentials = credentials;
    }

    @Override
    public void onApplicationEvent(WebServerInitializedEvent event) {
        port = event.getWebServer().getPort();
        operations = null;
    }

    public Set<String> allowedOrigins() {
        if (!settings.allowedOrigins().isEmpty()) {
            return new LinkedHashSet<>(settings.allowedOrigins());
        }
        return Set.of("https://" + settings.rpId() + (port == 443 ? "" : ":" + port));
    }

    public WebAuthnRelyingPartyOperations operations() {
        WebAuthnRelyingPartyOperations current = operations;
        if (current == null) {
            Webauthn4JRelyingPartyOperations created = new Webauthn4JRelyingPartyOperations(
                    userEntities,
                    credentials,
                    PublicKeyCredentialRpEntity.builder()
                            .id(settings.rpId())
                            .name(settings.rpName())
                            .build(),
                    allowedOrigins());
            created.setCustomizeCreationOptions(
                    options -> options.authenticatorSelection(AuthenticatorSelectionCriteria.builder()
                            .userVerification(UserVerificationRequirement.REQUIRED)
                            .residentKey(ResidentKeyRequirement.PREFERRED)
                            .build()));
            created.setCustomizeRequestOptions(
                    options -> options.userVerification(UserVerificationRequirement.REQUIRED));
            operations = created;
            current = created;
        }
        return current;
    }
}
