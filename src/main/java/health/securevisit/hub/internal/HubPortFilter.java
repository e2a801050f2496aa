package health.securevisit.hub.internal;

import health.securevisit.audit.Outcome;
import health.securevisit.platform.internal.ProblemWriter;
import health.securevisit.platform.internal.Problems;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.security.cert.X509Certificate;
import java.util.Optional;
import java.util.UUID;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Keeps the two listeners apart: on the hub listener only {@code /api/v1/hub/**} answers, and those
 * paths answer nowhere else (404 either way). On the hub listener it turns the client certificate
 * that the TLS handshake already verified into the request's {@link HubPrincipal}, after checking
 * again, per request, that it is not on the current CRL (a kept-alive connection or a resumed
 * session outlives a revocation) and that its hub is active.
 */
final class HubPortFilter extends OncePerRequestFilter {

    static final String HUB_PATHS = "/api/v1/hub/";
    static final String CERTIFICATES = "jakarta.servlet.request.X509Certificate";

    private final HubConfiguration.HubConnector connector;
    private final ObjectProvider<HubListener> listener;
    private final ObjectProvider<Hubs> hubs;
    private final ObjectProvider<HubAudit> audit;
    private final ProblemWriter problems;

    /** Beans that need the database are looked up per request: the filter is created with the web server. */
    HubPortFilter(
            HubConfiguration.HubConnector connector,
            ObjectProvider<HubListener> listener,
            ObjectProvider<Hubs> hubs,
            ObjectProvider<HubAudit> audit,
            ProblemWriter problems) {
        this.connector = connector;
        this.listener = listener;
        this.hubs = hubs;
        this.audit = audit;
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        boolean hubListener = request.getLocalPort() == connector.connector().getLocalPort();
        boolean hubPath = request.getRequestURI().startsWith(HUB_PATHS);
        if (hubListener != hubPath) {
            problems.write(request, response, Problems.of(HttpStatus.NOT_FOUND, "not-found", "No such resource."));
            return;
        }
        if (!hubListener) {
            chain.doFilter(request, response);
            return;
        }
        X509Certificate cert = request.getAttribute(CERTIFICATES) instanceof X509Certificate[] certs && certs.length > 0
                ? certs[0]
                : null;
        Optional<UUID> hubId = cert == null ? Optional.empty() : HubIdentity.hubIdOf(cert);
        if (cert == null || hubId.isEmpty()) {
            refuse(request, response, "hub-certificate-required", null);
            return;
        }
        String serial = HubCertificateAuthority.serialOf(cert);
        if (listener.getObject().trust().revoked(cert)) {
            refuse(request, response, "hub-certificate-revoked", hubId.get());
            return;
        }
        Optional<Hubs.Hub> hub = hubs.getObject().find(hubId.get());
        if (hub.isEmpty() || !hub.get().active() || !hubs.getObject().certificateLive(hubId.get(), serial)) {
            refuse(request, response, "hub-not-active", hubId.get());
            return;
        }
        request.setAttribute(
                HubPrincipal.ATTRIBUTE, new HubPrincipal(hubId.get(), hub.get().patientId(), serial));
        chain.doFilter(request, response);
    }

    private void refuse(HttpServletRequest request, HttpServletResponse response, String code, UUID hubId)
            throws IOException {
        audit.getObject().anonymous("hub.request", Outcome.DENIED, code, hubId);
        problems.write(
                request, response, Problems.of(HttpStatus.UNAUTHORIZED, code, "This hub certificate is not accepted."));
    }
}
