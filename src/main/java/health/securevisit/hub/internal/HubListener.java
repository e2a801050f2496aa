package health.securevisit.hub.internal;

import health.securevisit.network.TlsPolicy;
import health.securevisit.platform.StartupException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.Arrays;
import java.util.Collections;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import org.apache.catalina.connector.Connector;
import org.apache.coyote.http11.Http11NioProtocol;
import org.apache.tomcat.util.net.SSLHostConfig;
import org.apache.tomcat.util.net.SSLHostConfigCertificate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundles;

/**
 * The hub listener: a second Tomcat connector on {@code SECUREVISIT_HUB_PORT} with the main
 * listener's TLS policy (protocols, AEAD suites, groups, session lifetime from the network module)
 * and its server certificate, that requires a client certificate accepted by the {@link
 * HubTrustManager}. The CRL is re-read every {@code SECUREVISIT_HUB_CRL_RELOAD} (revocations on
 * other nodes) and at once after a revocation here.
 */
public final class HubListener implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(HubListener.class);
    static final String PORT = "SECUREVISIT_HUB_PORT";

    private final Connector connector;
    private final HubTrustManager trust;
    private final HubCertificateAuthority ca;
    private final ScheduledExecutorService reloads;

    HubListener(
            Connector connector, SslBundles bundles, HubCertificateAuthority ca, HubSettings settings, Clock clock) {
        this.ca = ca;
        this.trust = new HubTrustManager(ca.state(), clock);
        this.connector = connector;
        useContext(connector, bundles.getBundle("securevisit"), trust);
        this.reloads = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "hub-crl-reload");
            thread.setDaemon(true);
            return thread;
        });
        // The FHIR context takes seconds to build: not on the first batch's time.
        reloads.execute(VitalsFhir::warmUp);
        long every = settings.crlReload().toMillis();
        reloads.scheduleWithFixedDelay(this::reload, every, every, TimeUnit.MILLISECONDS);
    }

    Connector connector() {
        return connector;
    }

    HubTrustManager trust() {
        return trust;
    }

    /** The port the listener is bound to (the chosen one when asked for any free port). */
    public int port() {
        int local = connector.getLocalPort();
        return local > 0 ? local : connector.getPort();
    }

    /** Re-reads the CA's CRL (re-signing it when due) into the handshake's trust manager. */
    void reload() {
        try {
            trust.reload(ca.state());
        } catch (RuntimeException e) {
            log.warn(
                    "hub CRL reload failed; keeping the previous one ({})",
                    e.getClass().getSimpleName());
        }
    }

    void reload(HubCertificateAuthority.State state) {
        trust.reload(state);
    }

    /**
     * The connector, configured but without its JSSE context: it is created with the web server,
     * before the database and keys are ready, and started after them.
     */
    static Connector connector(int port) {
        Connector connector = new Connector(Http11NioProtocol.class.getName());
        connector.setPort(port);
        connector.setScheme("https");
        connector.setSecure(true);
        connector.setProperty("maxKeepAliveRequests", "1000");
        Http11NioProtocol protocol = (Http11NioProtocol) connector.getProtocolHandler();
        protocol.setSSLEnabled(true);
        SSLHostConfig host = new SSLHostConfig();
        host.setHostName("_default_");
        host.setProtocols(
                String.join(",", TlsPolicy.PROTOCOLS.stream().map(p -> "+" + p).toList()));
        // Tomcat takes the TLS 1.3 suites and the TLS 1.2 ciphers apart.
        host.setCipherSuites(String.join(
                ",", TlsPolicy.CIPHER_SUITES.stream().filter(HubListener::tls13).toList()));
        host.setCiphers(String.join(
                ",", TlsPolicy.CIPHER_SUITES.stream().filter(c -> !tls13(c)).toList()));
        host.setGroups(String.join(",", TlsPolicy.NAMED_GROUPS));
        host.setSessionTimeout(Math.toIntExact(TlsPolicy.SESSION_LIFETIME.toSeconds()));
        host.setCertificateVerification("required");
        host.addCertificate(new SSLHostConfigCertificate(host, SSLHostConfigCertificate.Type.UNDEFINED));
        protocol.addSslHostConfig(host);
        return connector;
    }

    private static boolean tls13(String suite) {
        return !suite.startsWith("TLS_ECDHE_");
    }

    private static void useContext(Connector connector, SslBundle bundle, HubTrustManager trust) {
        SSLContext context;
        X509Certificate[] chain;
        try {
            context = SSLContext.getInstance("TLS");
            context.init(bundle.getManagers().getKeyManagers(), new TrustManager[] {trust}, null);
            context.getServerSessionContext()
                    .setSessionTimeout(Math.toIntExact(TlsPolicy.SESSION_LIFETIME.toSeconds()));
            KeyStore store = bundle.getStores().getKeyStore();
            String alias = Collections.list(store.aliases()).getFirst();
            Certificate[] certs = store.getCertificateChain(alias);
            chain = Arrays.stream(certs).map(X509Certificate.class::cast).toArray(X509Certificate[]::new);
        } catch (GeneralSecurityException e) {
            throw new StartupException(PORT, "cannot set up TLS for the hub listener", e);
        }
        for (SSLHostConfig host : connector.findSslHostConfigs()) {
            for (SSLHostConfigCertificate certificate : host.getCertificates()) {
                certificate.setSslContext(new TomcatSslContext(context, chain, trust));
            }
        }
    }

    @Override
    public void close() {
        reloads.shutdownNow();
    }
}
