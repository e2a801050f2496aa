package health.securevisit.hub.internal;

import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocketFactory;
import javax.net.ssl.SSLSessionContext;
import javax.net.ssl.TrustManager;

/**
 * Hands Tomcat a JSSE context built here (so that the hub listener's trust manager is ours); Tomcat
 * still applies the host config's protocols, suites, groups and client-certificate demand to every
 * engine it creates.
 */
final class TomcatSslContext implements org.apache.tomcat.util.net.SSLContext {

    private final SSLContext context;
    private final X509Certificate[] serverChain;
    private final HubTrustManager trust;

    TomcatSslContext(SSLContext context, X509Certificate[] serverChain, HubTrustManager trust) {
        this.context = context;
        this.serverChain = serverChain.clone();
        this.trust = trust;
    }

    @Override
    public void init(KeyManager[] kms, TrustManager[] tms, SecureRandom sr) {
        // initialised when built
    }

    @Override
    public void destroy() {}

    @Override
    public SSLSessionContext getServerSessionContext() {
        return context.getServerSessionContext();
    }

    @Override
    public SSLEngine createSSLEngine() {
        return context.createSSLEngine();
    }

    @Override
    public SSLServerSocketFactory getServerSocketFactory() {
        return context.getServerSocketFactory();
    }

    @Override
    public SSLParameters getSupportedSSLParameters() {
        return context.getSupportedSSLParameters();
    }

    @Override
    public X509Certificate[] getCertificateChain(String alias) {
        return serverChain.clone();
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return trust.getAcceptedIssuers();
    }
}
