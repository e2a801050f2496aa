package health.securevisit.hub;

import static health.securevisit.support.Workforce.body;
import static health.securevisit.support.Workforce.expect;
import static health.securevisit.support.Workforce.json;

import health.securevisit.hub.internal.HubListener;
import health.securevisit.support.RunningServer;
import health.securevisit.support.Workforce;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import tools.jackson.databind.JsonNode;

/**
 * Test support for hubs, with the real tools a hub would use: {@code openssl} makes keys and CSRs
 * and speaks TLS ({@code s_client}), {@code curl --cert} posts readings over mutual TLS.
 */
final class HubKit {

    record Run(int exit, String out) {}

    /** An enrolled hub: its key and certificate files. */
    record Hub(String id, Path key, Path cert, Path ca) {}

    private HubKit() {}

    static Run run(String stdin, String... command) {
        try {
            Path out = Files.createTempFile("hub-run", ".txt");
            Process p = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(out.toFile())
                    .start();
            p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
            p.getOutputStream().close();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("timed out: " + String.join(" ", command));
            }
            return new Run(p.exitValue(), Files.readString(out));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static Run ok(String... command) {
        Run r = run("", command);
        if (r.exit() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed: " + r.out());
        }
        return r;
    }

    /** A new key: {@code ec:P-256} (the accepted kind), {@code ec:P-384}, {@code rsa:3072} or {@code ed25519}. */
    static Path key(Path dir, String kind) {
        Path key = dir.resolve("key-" + System.nanoTime() + ".pem");
        List<String> cmd = new ArrayList<>(List.of("openssl", "genpkey", "-out", key.toString()));
        switch (kind) {
            case "ec:P-256" -> cmd.addAll(List.of("-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256"));
            case "ec:P-384" -> cmd.addAll(List.of("-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-384"));
            case "rsa:3072" -> cmd.addAll(List.of("-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:3072"));
            case "ed25519" -> cmd.addAll(List.of("-algorithm", "ED25519"));
            default -> throw new IllegalArgumentException(kind);
        }
        ok(cmd.toArray(String[]::new));
        return key;
    }

    static String csr(Path key, String... extra) {
        List<String> cmd =
                new ArrayList<>(List.of("openssl", "req", "-new", "-key", key.toString(), "-subj", "/CN=hub"));
        cmd.addAll(List.of(extra));
        return ok(cmd.toArray(String[]::new)).out();
    }

    static String register(Workforce officer, String patientId, String mode, String uplink) {
        return json(expect(
                        officer.post(
                                "/api/v1/hubs", body("patientId", patientId, "networkMode", mode, "uplink", uplink)),
                        201))
                .path("enrolmentCode")
                .asString();
    }

    /** Local source addresses handed out one per enrolment, so the per-source throttle stays out of the way. */
    private static final AtomicInteger SOURCES = new AtomicInteger();

    /** A client on a source address of its own (127.0.4.1 onwards). */
    static Workforce freshSource(RunningServer server) {
        int n = SOURCES.getAndIncrement();
        return Workforce.from(server, "127.0." + (4 + n / 250) + "." + (1 + n % 250));
    }

    static JsonNode enrol(RunningServer server, String code, String csr, int status) {
        return json(expect(enrolFrom(freshSource(server), code, csr), status));
    }

    static HttpResponse<String> enrolFrom(Workforce source, String code, String csr) {
        return source.post("/api/v1/hubs/enrol", body("code", code, "csr", csr));
    }

    static Hub enrolled(RunningServer server, Workforce officer, String patientId, String mode, String uplink, Path dir)
            throws IOException {
        String code = register(officer, patientId, mode, uplink);
        Path key = key(dir, "ec:P-256");
        JsonNode issued = enrol(server, code, csr(key), 201);
        Path cert = Files.writeString(
                dir.resolve("cert-" + System.nanoTime() + ".pem"),
                issued.path("certificatePem").asString());
        Path ca = Files.writeString(dir.resolve("ca.pem"), issued.path("caPem").asString());
        return new Hub(issued.path("hubId").asString(), key, cert, ca);
    }

    static int hubPort(RunningServer server) {
        return server.context().getBean(HubListener.class).port();
    }

    /** {@code curl --cert} to the hub listener: the status code and body ("000" when TLS failed). */
    static Run curl(RunningServer server, Hub hub, String path, String json) {
        return curl(server, hub.cert(), hub.key(), hubPort(server), path, json);
    }

    static Run curl(RunningServer server, Path cert, Path key, int port, String path, String json) {
        List<String> cmd = new ArrayList<>(List.of(
                "curl",
                "-s",
                "-S",
                "--max-time",
                "20",
                "--cacert",
                server.dataDir().resolve("tls/server.crt").toString(),
                "-w",
                "\n%{http_code}",
                "-H",
                "Content-Type: application/json",
                "--data-binary",
                "@-"));
        if (cert != null) {
            cmd.addAll(List.of("--cert", cert.toString(), "--key", key.toString()));
        }
        cmd.add("https://localhost:" + port + path);
        return run(json, cmd.toArray(String[]::new));
    }

    static String status(Run curl) {
        String out = curl.out().strip();
        return out.substring(out.lastIndexOf('\n') + 1);
    }

    /**
     * {@code openssl s_client} to the hub listener over TLS 1.3 with an HTTP request: the output shows
     * an HTTP status line only when the server accepted the client certificate.
     */
    static Run sClient(RunningServer server, Path cert, Path key) {
        List<String> cmd = new ArrayList<>(List.of(
                "openssl",
                "s_client",
                "-connect",
                "localhost:" + hubPort(server),
                "-servername",
                "localhost",
                "-CAfile",
                server.dataDir().resolve("tls/server.crt").toString(),
                "-ign_eof",
                "-tls1_3"));
        if (cert != null) {
            cmd.addAll(List.of("-cert", cert.toString(), "-key", key.toString()));
        }
        return run(
                "GET /api/v1/hub/none HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n",
                cmd.toArray(String[]::new));
    }
}
