package health.securevisit.hub.internal;

import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.cert.CertPath;
import java.security.cert.CertPathValidator;
import java.security.cert.CertStore;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.CollectionCertStoreParameters;
import java.security.cert.PKIXParameters;
import java.security.cert.PKIXRevocationChecker;
import java.security.cert.TrustAnchor;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.Date;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Decides, during the TLS handshake of the hub listener, whether a client certificate is a hub's:
 * a PKIX path (JDK {@link CertPathValidator}) from the certificate to the hub CA as the only trust
 * anchor, valid now (by the application's clock), not revoked according to the CA's own CRL (in a
 * {@link CertStore}; CRLs only, no fallback, no network fetch), allowed for client authentication,
 * and naming exactly one hub. Anything else fails the handshake, so it never reaches the
 * application. {@link #reload} swaps the CA state atomically after a revocation.
 */
final class HubTrustManager extends X509ExtendedTrustManager {

    private record Anchor(X509Certificate ca, Set<TrustAnchor> anchors, CertStore crls, X509CRL crl) {}

    private final Clock clock;
    private volatile Anchor anchor;

    HubTrustManager(HubCertificateAuthority.State state, Clock clock) {
        this.clock = clock;
        this.anchor = anchor(state);
    }

    void reload(HubCertificateAuthority.State state) {
        this.anchor = anchor(state);
    }

    /** Whether {@code cert} is on the CRL the listener currently holds (checked again per request). */
    boolean revoked(X509Certificate cert) {
        return anchor.crl().isRevoked(cert);
    }

    private static Anchor anchor(HubCertificateAuthority.State state) {
        try {
            CertStore crls =
                    CertStore.getInstance("Collection", new CollectionCertStoreParameters(List.of(state.crl())));
            return new Anchor(
                    state.certificate(), Set.of(new TrustAnchor(state.certificate(), null)), crls, state.crl());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot build the hub trust anchor", e);
        }
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        validate(chain);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        validate(chain);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        validate(chain);
    }

    void validate(X509Certificate[] chain) throws CertificateException {
        if (chain == null || chain.length == 0) {
            throw new CertificateException("no client certificate");
        }
        Anchor current = anchor;
        X509Certificate leaf = chain[0];
        try {
            CertPath path = CertificateFactory.getInstance("X.509").generateCertPath(List.of(leaf));
            CertPathValidator validator = CertPathValidator.getInstance("PKIX");
            PKIXRevocationChecker revocation = (PKIXRevocationChecker) validator.getRevocationChecker();
            revocation.setOptions(
                    EnumSet.of(PKIXRevocationChecker.Option.PREFER_CRLS, PKIXRevocationChecker.Option.NO_FALLBACK));
            PKIXParameters parameters = new PKIXParameters(current.anchors());
            parameters.setDate(Date.from(clock.instant()));
            parameters.addCertStore(current.crls());
            parameters.setRevocationEnabled(false);
            parameters.addCertPathChecker(revocation);
            validator.validate(path, parameters);
        } catch (GeneralSecurityException e) {
            throw new CertificateException("not a valid hub certificate", e);
        }
        List<String> usages = leaf.getExtendedKeyUsage();
        if (usages == null || !usages.contains("1.3.6.1.5.5.7.3.2")) {
            throw new CertificateException("not a client certificate");
        }
        if (HubIdentity.hubIdOf(leaf).isEmpty()) {
            throw new CertificateException("no hub name");
        }
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        throw new CertificateException("the hub listener trusts no servers");
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        throw new CertificateException("the hub listener trusts no servers");
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        throw new CertificateException("the hub listener trusts no servers");
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return new X509Certificate[] {anchor.ca()};
    }
}
