package health.securevisit.network.internal;

import health.securevisit.network.TlsPolicy;
import health.securevisit.platform.StartupException;
import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.config.ConfigDataEnvironmentPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Prepares the HTTPS listener before start-up: the certificate (given as PEM files or, by default,
 * a self-signed one generated in the data directory), the TLS policy and the port. There is no
 * plaintext listener. A bad setting stops start-up with a {@link StartupException}.
 */
public final class TlsPreflight implements EnvironmentPostProcessor, Ordered {

    static final String PORT = "SECUREVISIT_PORT";
    static final Duration RENEW_BEFORE = Duration.ofDays(30);

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        Path dataDir = Path.of(environment.getRequiredProperty("securevisit.data-dir"));
        String certSetting = environment.getProperty("securevisit.tls.cert", "");
        String keySetting = environment.getProperty("securevisit.tls.key", "");
        Path cert;
        Path key;
        if (certSetting.isBlank() && keySetting.isBlank()) {
            cert = dataDir.resolve("tls").resolve("server.crt");
            key = dataDir.resolve("tls").resolve("server.key");
            ensureSelfSigned(cert, key);
        } else if (certSetting.isBlank() || keySetting.isBlank()) {
            String missing = certSetting.isBlank() ? TlsMaterial.CERT : TlsMaterial.KEY;
            throw new StartupException(missing, "must be set together with the other TLS setting");
        } else {
            cert = Path.of(certSetting).toAbsolutePath();
            key = Path.of(keySetting).toAbsolutePath();
            TlsMaterial.load(cert, key);
        }

        // TLS 1.2 clients may not renegotiate: it only serves denial of service.
        System.setProperty("jdk.tls.rejectClientInitiatedRenegotiation", "true");

        Map<String, Object> derived = new LinkedHashMap<>();
        derived.put("server.ssl.enabled", "true");
        derived.put("server.ssl.bundle", "securevisit");
        derived.put("spring.ssl.bundle.pem.securevisit.keystore.certificate", "file:" + cert);
        derived.put("spring.ssl.bundle.pem.securevisit.keystore.private-key", "file:" + key);
        derived.put(
                "spring.ssl.bundle.pem.securevisit.options.enabled-protocols", String.join(",", TlsPolicy.PROTOCOLS));
        derived.put("spring.ssl.bundle.pem.securevisit.options.ciphers", String.join(",", TlsPolicy.CIPHER_SUITES));
        if (!environment.containsProperty("server.port")) {
            int port = port(environment);
            checkPortFree(port);
            derived.put("server.port", Integer.toString(port));
        }
        environment.getPropertySources().addFirst(new MapPropertySource("securevisit-tls", derived));
    }

    private static void ensureSelfSigned(Path cert, Path key) {
        if (cert.toFile().isFile() && key.toFile().isFile()) {
            TlsMaterial existing = TlsMaterial.load(cert, key);
            Instant renewAt = existing.certificate().getNotAfter().toInstant().minus(RENEW_BEFORE);
            if (Instant.now().isBefore(renewAt)) {
                return;
            }
        }
        SelfSignedCertificate.generate(cert, key, Instant.now());
        TlsMaterial.load(cert, key);
    }

    private static int port(ConfigurableEnvironment environment) {
        String value = environment.getProperty("securevisit.port", "8443").trim();
        int port;
        try {
            port = Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new StartupException(PORT, "must be a number between 1 and 65535", e);
        }
        if (port < 0 || port > 65535) {
            throw new StartupException(PORT, "must be a number between 1 and 65535");
        }
        return port;
    }

    private static void checkPortFree(int port) {
        if (port == 0) {
            return; // any free port, chosen by the system
        }
        try (ServerSocket probe = new ServerSocket()) {
            probe.setReuseAddress(true);
            probe.bind(new InetSocketAddress(port));
        } catch (BindException e) {
            String reason = e.getMessage() != null && e.getMessage().contains("denied")
                    ? "cannot listen on port " + port + " (permission denied)"
                    : "port " + port + " is already in use";
            throw new StartupException(PORT, reason, e);
        } catch (IOException e) {
            throw new StartupException(PORT, "cannot listen on port " + port + " (" + e.getMessage() + ")", e);
        }
    }

    @Override
    public int getOrder() {
        return ConfigDataEnvironmentPostProcessor.ORDER + 11; // right after the platform preflight
    }
}
