package health.securevisit.device;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import health.securevisit.support.TestCa;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * A local HTTPS stand-in for Fleet's API, with a certificate of a throw-away CA: it records each
 * {@code POST /api/v1/fleet/hosts/<id>/wipe} (path and Authorization header) and answers 503 to the
 * first {@link #failFirst} requests, 200 afterwards.
 */
final class MdmReceiver implements AutoCloseable {

    record Received(String path, String authorization) {}

    final TestCa ca;
    final List<Received> received = new CopyOnWriteArrayList<>();
    final AtomicInteger failFirst = new AtomicInteger();
    private final HttpsServer server;

    MdmReceiver(Path dir) throws Exception {
        ca = TestCa.create(dir);
        server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(context(ca)));
        server.createContext("/api/v1/fleet/hosts/", exchange -> {
            try (InputStream in = exchange.getRequestBody()) {
                in.readAllBytes();
            }
            int status = failFirst.getAndDecrement() > 0 ? 503 : 200;
            if (status == 200) {
                received.add(new Received(
                        exchange.getRequestURI().getPath(),
                        String.valueOf(exchange.getRequestHeaders().getFirst("Authorization"))));
            }
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.start();
    }

    String url() {
        return "https://localhost:" + server.getAddress().getPort();
    }

    private static SSLContext context(TestCa ca) throws Exception {
        String pem = Files.readString(ca.keyPem())
                .replaceAll("-----[A-Z ]+-----", "")
                .replaceAll("\\s", "");
        PrivateKey key = KeyFactory.getInstance("EC")
                .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(pem)));
        Certificate cert;
        try (InputStream in = Files.newInputStream(ca.certPem())) {
            cert = CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("mdm", key, "x".toCharArray(), new Certificate[] {cert});
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(store, "x".toCharArray());
        SSLContext ssl = SSLContext.getInstance("TLS");
        ssl.init(kmf.getKeyManagers(), null, null);
        return ssl;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
