package health.securevisit.audit.internal;

import health.securevisit.network.TlsPolicy;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Arrays;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.jspecify.annotations.Nullable;

/**
 * Sends entries to a syslog collector over TLS (RFC 5425), verifying its certificate against the
 * configured CA (or the JDK's trust store) and its host name. Before each batch the connection is
 * probed (a collector never sends on RFC 5425, so end-of-stream means it went away) and reopened.
 */
final class SyslogSink implements ExportSink {

    private final SyslogSettings settings;
    private final SyslogFormat format;
    private final SSLContext tls;
    private @Nullable SSLSocket socket;

    SyslogSink(SyslogSettings settings, SyslogFormat format) {
        this.settings = settings;
        this.format = format;
        this.tls = context(settings);
    }

    @Override
    public String name() {
        return "syslog";
    }

    @Override
    public void deliver(List<StoredEntry> batch) throws IOException {
        SSLSocket s = connected();
        try {
            OutputStream out = s.getOutputStream();
            for (StoredEntry e : batch) {
                out.write(SyslogFormat.frame(format.message(e)));
            }
            out.flush();
        } catch (IOException e) {
            close();
            throw e;
        }
    }

    private SSLSocket connected() throws IOException {
        if (socket != null && !alive(socket)) {
            close();
        }
        if (socket == null) {
            SSLSocket s = (SSLSocket) tls.getSocketFactory().createSocket();
            try {
                SSLParameters params = s.getSSLParameters();
                params.setEndpointIdentificationAlgorithm("HTTPS");
                params.setProtocols(TlsPolicy.PROTOCOLS.toArray(String[]::new));
                List<String> supported = Arrays.asList(s.getSupportedCipherSuites());
                params.setCipherSuites(TlsPolicy.CIPHER_SUITES.stream()
                        .filter(supported::contains)
                        .toArray(String[]::new));
                s.setSSLParameters(params);
                s.connect(new InetSocketAddress(settings.host(), settings.port()), (int)
                        settings.connectTimeout().toMillis());
                s.setSoTimeout((int) settings.connectTimeout().toMillis());
                s.startHandshake();
            } catch (IOException e) {
                s.close();
                throw e;
            }
            socket = s;
        }
        return socket;
    }

    private static boolean alive(SSLSocket s) {
        try {
            s.setSoTimeout(1);
            InputStream in = s.getInputStream();
            return in.read() >= 0; // the collector sends nothing; data or end-of-stream means trouble
        } catch (SocketTimeoutException e) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static SSLContext context(SyslogSettings settings) {
        try {
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            if (settings.caFile() == null) {
                tmf.init((KeyStore) null);
            } else {
                KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
                trust.load(null, null);
                try (var in = Files.newInputStream(settings.caFile())) {
                    int i = 0;
                    for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                        trust.setCertificateEntry("ca-" + i++, c);
                    }
                }
                tmf.init(trust);
            }
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, tmf.getTrustManagers(), null);
            return ctx;
        } catch (IOException | GeneralSecurityException e) {
            throw new health.securevisit.platform.StartupException(
                    "SECUREVISIT_AUDIT_SYSLOG_CA_FILE", "cannot read the CA certificates (" + e.getMessage() + ")", e);
        }
    }

    @Override
    public void close() {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // the connection is gone either way
            }
            socket = null;
        }
    }
}
