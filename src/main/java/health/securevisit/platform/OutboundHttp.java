package health.securevisit.platform;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.Collection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManagerFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The one factory of outbound HTTP clients (invariant 3: no plaintext transport). A minimal egress
 * helper: the vendor module's BAA egress gate is meant to sit in front of it.
 *
 * <p>Guarantees: clients speak TLS 1.2 or 1.3 only, verify the peer's certificate chain and host name
 * (the JDK's checks, never disabled), and {@link #requireHttps} refuses any URI that is not
 * {@code https}. Trust is the JDK's CA store, or exactly the PEM bundle of
 * {@code SECUREVISIT_OUTBOUND_CA_FILE} when set (a private CA of the MDM, or a test receiver).
 */
@Component
public class OutboundHttp {

    private final SSLContext ssl;

    public OutboundHttp(@Value("${securevisit.outbound.ca-file:}") @Nullable String caFile) {
        this.ssl = caFile == null || caFile.isBlank() ? defaultContext() : trusting(Path.of(caFile));
    }

    /** A new client (no redirects, 10 s connect timeout) over the verified TLS context. */
    public HttpClient client() {
        SSLParameters parameters = new SSLParameters();
        parameters.setProtocols(new String[] {"TLSv1.3", "TLSv1.2"});
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        return HttpClient.newBuilder()
                .sslContext(ssl)
                .sslParameters(parameters)
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(10))
                .build();
    }

    /** {@code uri} if it is an https URI with a host; otherwise an {@link IllegalArgumentException}. */
    public static URI requireHttps(URI uri) {
        if (!"https".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null) {
            throw new IllegalArgumentException("outbound calls use https only");
        }
        return uri;
    }

    private static SSLContext defaultContext() {
        try {
            return SSLContext.getDefault();
        } catch (GeneralSecurityException e) {
            throw new StartupException("SECUREVISIT_OUTBOUND_CA_FILE", "no default TLS context: " + e.getMessage());
        }
    }

    private static SSLContext trusting(Path bundle) {
        try (InputStream in = Files.newInputStream(bundle)) {
            Collection<? extends Certificate> certificates =
                    CertificateFactory.getInstance("X.509").generateCertificates(in);
            if (certificates.isEmpty()) {
                throw new StartupException("SECUREVISIT_OUTBOUND_CA_FILE", "holds no certificate");
            }
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            int i = 0;
            for (Certificate certificate : certificates) {
                trust.setCertificateEntry("ca-" + i++, certificate);
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, tmf.getTrustManagers(), null);
            return context;
        } catch (IOException | GeneralSecurityException e) {
            throw new StartupException("SECUREVISIT_OUTBOUND_CA_FILE", "cannot be read as PEM certificates");
        }
    }
}
