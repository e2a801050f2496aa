package health.securevisit.hub.internal;

import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The hub a certificate names: its one subject alternative name, the URI {@code urn:securevisit:hub:<id>}. */
final class HubIdentity {

    private static final int URI = 6;

    private HubIdentity() {}

    static Optional<UUID> hubIdOf(X509Certificate cert) {
        try {
            Collection<List<?>> names = cert.getSubjectAlternativeNames();
            if (names == null || names.size() != 1) {
                return Optional.empty();
            }
            List<?> name = names.iterator().next();
            if (!(name.get(0) instanceof Integer type) || type != URI || !(name.get(1) instanceof String uri)) {
                return Optional.empty();
            }
            if (!uri.startsWith(HubCertificateAuthority.HUB_URI_PREFIX)) {
                return Optional.empty();
            }
            String id = uri.substring(HubCertificateAuthority.HUB_URI_PREFIX.length());
            UUID parsed = UUID.fromString(id);
            return parsed.toString().equals(id) ? Optional.of(parsed) : Optional.empty();
        } catch (CertificateParsingException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
