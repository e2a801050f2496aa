package health.securevisit.network.internal;

import static org.assertj.core.api.Assertions.assertThat;

import health.securevisit.network.TlsPolicy;
import health.securevisit.platform.EvidenceSource.Status;
import health.securevisit.support.Pem;
import health.securevisit.support.RunningServer;
import health.securevisit.support.TestServers;
import java.io.IOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Test;

/**
 * The TLS self-scan against real listeners: the server's own HTTPS port passes; a JDK listener that
 * also accepts CBC suites over TLS 1.2 fails with its address and the suite named; a closed port is
 * named unreachable.
 */
class TlsSelfScanTests {

    @Test
    void theRunningServersListenersPassTheScan() {
        RunningServer server = TestServers.h2();
        TlsSelfScan scan = server.context().getBean(TlsSelfScan.class);
        assertThat(scan.ports()).contains(server.port());
        var evidence = scan.evidence().getFirst();
        assertThat(evidence.check()).isEqualTo("network.tls-self-scan");
        assertThat(evidence.status()).as(evidence.summary()).isEqualTo(Status.PASS);
        assertThat(evidence.summary()).contains(String.valueOf(server.port()));
    }

    @Test
    void aListenerAcceptingCbcSuitesIsNamedWithTheSuite() throws Exception {
        try (Listener weak = Listener.start(List.of("TLSv1.2"), null)) {
            List<String> problems = TlsSelfScan.scan("127.0.0.1", weak.port());
            assertThat(problems)
                    .singleElement()
                    .asString()
                    .startsWith("accepts TLS_ECDHE_ECDSA_WITH_")
                    .contains("CBC")
                    .endsWith("over TLS 1.2");
        }
    }

    @Test
    void aListenerWithThePolicysProtocolsAndSuitesPasses() throws Exception {
        try (Listener strict = Listener.start(TlsPolicy.PROTOCOLS, TlsPolicy.CIPHER_SUITES)) {
            assertThat(TlsSelfScan.scan("127.0.0.1", strict.port())).isEmpty();
        }
    }

    @Test
    void aClosedPortIsUnreachable() throws Exception {
        int port;
        try (var socket = new java.net.ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        assertThat(TlsSelfScan.scan("127.0.0.1", port))
                .singleElement()
                .asString()
                .startsWith("unreachable");
    }

    /** A JDK TLS listener on loopback with an EC certificate, handshaking every connection. */
    record Listener(SSLServerSocket socket, Thread acceptor) implements AutoCloseable {

        static Listener start(List<String> protocols, List<String> suites) throws Exception {
            KeyPair key = Pem.keyPair("EC", 256);
            Instant now = Instant.now();
            X500Name name = new X500Name("CN=localhost");
            X509Certificate cert = new JcaX509CertificateConverter()
                    .getCertificate(new JcaX509v3CertificateBuilder(
                                    name,
                                    BigInteger.ONE,
                                    Date.from(now.minus(Duration.ofDays(1))),
                                    Date.from(now.plus(Duration.ofDays(1))),
                                    name,
                                    key.getPublic())
                            .build(new JcaContentSignerBuilder("SHA256withECDSA").build(key.getPrivate())));
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry("server", key.getPrivate(), new char[0], new X509Certificate[] {cert});
            KeyManagerFactory kmf = KeyManagerFactory.getInstance("PKIX");
            kmf.init(store, new char[0]);
            SSLContext tls = SSLContext.getInstance("TLS");
            tls.init(kmf.getKeyManagers(), null, null);
            SSLServerSocket socket = (SSLServerSocket)
                    tls.getServerSocketFactory().createServerSocket(0, 16, InetAddress.getLoopbackAddress());
            socket.setEnabledProtocols(protocols.toArray(String[]::new));
            if (suites != null) {
                socket.setEnabledCipherSuites(suites.toArray(String[]::new));
            }
            Thread acceptor = Thread.ofPlatform().daemon().start(() -> {
                while (!socket.isClosed()) {
                    try (SSLSocket client = (SSLSocket) socket.accept()) {
                        client.setSoTimeout(2000);
                        client.startHandshake();
                    } catch (IOException e) {
                        // refused handshakes are what the scan provokes
                    }
                }
            });
            return new Listener(socket, acceptor);
        }

        int port() {
            return socket.getLocalPort();
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
