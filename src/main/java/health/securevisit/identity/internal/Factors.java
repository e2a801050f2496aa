package health.securevisit.identity.internal;

import health.securevisit.audit.Outcome;
import health.securevisit.identity.WorkforcePrincipal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.security.web.webauthn.api.Bytes;
import org.springframework.security.web.webauthn.api.CredentialRecord;
import org.springframework.security.web.webauthn.api.PublicKeyCredentialUserEntity;
import org.springframework.security.web.webauthn.management.PublicKeyCredentialUserEntityRepository;
import org.springframework.security.web.webauthn.management.UserCredentialRepository;
import org.springframework.stereotype.Service;

/**
 * A user's second factors: the TOTP app (id {@code totp}) and WebAuthn credentials (id = the
 * credential id, base64url). Listing and removal; at least one factor must remain.
 */
@Service
public class Factors {

    /** One enrolled factor as shown to its owner. */
    public record Factor(
            String id,
            String type,
            @Nullable String label,
            Instant createdAt,
            @Nullable Instant lastUsedAt) {}

    private final TotpSecrets totp;
    private final WorkforceUsers users;
    private final PublicKeyCredentialUserEntityRepository userEntities;
    private final UserCredentialRepository credentials;
    private final IdentityAudit audit;

    Factors(
            TotpSecrets totp,
            WorkforceUsers users,
            PublicKeyCredentialUserEntityRepository userEntities,
            UserCredentialRepository credentials,
            IdentityAudit audit) {
        this.totp = totp;
        this.users = users;
        this.userEntities = userEntities;
        this.credentials = credentials;
        this.audit = audit;
    }

    public List<Factor> list(UUID userId) {
        List<Factor> factors = new ArrayList<>();
        totp.find(userId)
                .filter(TotpSecrets.Entry::confirmed)
                .ifPresent(t -> factors.add(new Factor("totp", "totp", "Authenticator app", t.createdAt(), null)));
        for (CredentialRecord c : webAuthnCredentials(userId)) {
            factors.add(new Factor(
                    c.getCredentialId().toBase64UrlString(),
                    "webauthn",
                    c.getLabel(),
                    c.getCreated(),
                    c.getLastUsed()));
        }
        return factors;
    }

    public boolean hasAny(UUID userId) {
        return !list(userId).isEmpty();
    }

    /** Removes one of the principal's own factors, unless it is the last one. */
    public void remove(WorkforcePrincipal principal, String factorId) {
        List<Factor> factors = list(principal.id());
        Factor factor = factors.stream()
                .filter(f -> f.id().equals(factorId))
                .findFirst()
                .orElseThrow(IdentityFailure::factorNotFound);
        if (factors.size() == 1) {
            audit.record(audit.by(principal, "auth.mfa.remove", Outcome.DENIED, "last-factor")
                    .resource("factor", factor.type()));
            throw IdentityFailure.lastFactor();
        }
        if (factor.type().equals("totp")) {
            totp.delete(principal.id());
        } else {
            credentials.delete(Bytes.fromBase64(factorId));
        }
        audit.record(audit.by(principal, "auth.mfa.remove", Outcome.SUCCESS, factor.type())
                .resource("factor", factor.type()));
    }

    private List<CredentialRecord> webAuthnCredentials(UUID userId) {
        String username = users.findById(userId).map(WorkforceUser::username).orElse(null);
        PublicKeyCredentialUserEntity entity = username == null ? null : userEntities.findByUsername(username);
        return entity == null ? List.of() : credentials.findByUserId(entity.getId());
    }
}
