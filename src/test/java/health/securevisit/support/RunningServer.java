package health.securevisit.support;

import health.securevisit.SecureVisit;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A real SecureVisit server started in this JVM on a free port over HTTPS, with its own data
 * directory, and an HTTP client that trusts exactly its certificate.
 */
public final class RunningServer implements AutoCloseable {

    private final ConfigurableApplicationContext context;
    private final Path dataDir;
    private final int port;
    private final HttpClient client;

    private RunningServer(ConfigurableApplicationContext context, Path dataDir) {
        this.context = context;
        this.dataDir = dataDir;
        this.port = ((WebServerApplicationContext) context).getWebServer().getPort();
        this.client = client(dataDir.resolve("tls/server.crt")).http();
    }

    /** Starts a server; {@code settings} are {@code securevisit.*} properties such as db.url. */
    public static RunningServer start(Map<String, String> settings) {
        return start(settings, List.of());
    }

    /** Starts a server with {@code securevisit.*} settings and raw Spring arguments such as {@code --a.b=c}. */
    public static RunningServer start(Map<String, String> settings, List<String> springArguments) {
        try {
            return startIn(Files.createTempDirectory("securevisit-test-"), settings, springArguments);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Starts a server on {@code dataDir} (prepared by the test, for example a cluster node's keys). */
    public static RunningServer startIn(Path dataDir, Map<String, String> settings, List<String> springArguments) {
        List<String> args = new ArrayList<>();
        args.add("--securevisit.data-dir=" + dataDir);
        if (springArguments.stream().noneMatch(a -> a.startsWith("--server.port="))) {
            args.add("--server.port=0");
        }
        settings.forEach((k, v) -> args.add("--securevisit." + k + "=" + v));
        args.addAll(springArguments);
        ConfigurableApplicationContext context =
                new SpringApplicationBuilder(SecureVisit.class).run(args.toArray(String[]::new));
        return new RunningServer(context, dataDir);
    }

    /** An HTTPS client that trusts exactly the given certificate. */
    public record Client(HttpClient http) {
        public HttpResponse<String> get(String url, Map<String, String> headers) {
            HttpRequest.Builder request =
                    HttpRequest.newBuilder(URI.create(url)).GET();
            headers.forEach(request::header);
            return send(request);
        }

        public HttpResponse<String> send(HttpRequest.Builder request) {
            try {
                return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                throw new IllegalStateException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    public static Client client(Path certificate) {
        return new Client(HttpClient.newBuilder()
                .sslContext(trusting(certificate))
                .connectTimeout(Duration.ofSeconds(10))
                .build());
    }

    public static SSLContext trusting(Path certificate) {
        try (InputStream in = Files.newInputStream(certificate)) {
            KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
            trust.load(null, null);
            trust.setCertificateEntry(
                    "server", CertificateFactory.getInstance("X.509").generateCertificate(in));
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            SSLContext ssl = SSLContext.getInstance("TLS");
            ssl.init(null, tmf.getTrustManagers(), null);
            return ssl;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public URI uri(String path) {
        return URI.create("https://localhost:" + port + path);
    }

    public HttpResponse<String> send(HttpRequest.Builder request) {
        return new Client(client).send(request);
    }

    public HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(uri(path)).GET());
    }

    /** The product name of the server's database: {@code H2} or {@code PostgreSQL}. */
    public String databaseProduct() {
        try (java.sql.Connection c = context.getBean(javax.sql.DataSource.class).getConnection()) {
            return c.getMetaData().getDatabaseProductName();
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public int port() {
        return port;
    }

    public Path dataDir() {
        return dataDir;
    }

    public ConfigurableApplicationContext context() {
        return context;
    }

    @Override
    public void close() {
        context.close();
    }
}
