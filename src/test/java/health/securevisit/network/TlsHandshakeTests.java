package health.securevisit.network;

import static org.assertj.core.api.Assertions.assertThat;

import health.securevisit.support.RunningServer;
import health.securevisit.support.TestServers;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The listener's TLS policy, checked with real outside clients: {@code openssl s_client} and {@code
 * sslscan} (protocols, suites, key-exchange groups, the session ticket's lifetime). Each
 * refusal is paired with a control: the same client command succeeds against a permissive
 * {@code openssl s_server}, which proves the client really offered what the server refused.
 */
class TlsHandshakeTests {

    static final String LEGACY_CLIENT_CIPHERS = "ALL:@SECLEVEL=0";
    final RunningServer server = TestServers.h2();
    static Process permissive;
    static int permissivePort;

    @BeforeAll
    static void startPermissiveControlServer() throws Exception {
        RunningServer s = TestServers.h2();
        try (ServerSocket free = new ServerSocket(0)) {
            permissivePort = free.getLocalPort();
        }
        permissive = new ProcessBuilder(
                        "openssl",
                        "s_server",
                        "-accept",
                        Integer.toString(permissivePort),
                        "-www",
                        "-cert",
                        s.dataDir().resolve("tls/server.crt").toString(),
                        "-key",
                        s.dataDir().resolve("tls/server.key").toString(),
                        "-cipher",
                        LEGACY_CLIENT_CIPHERS,
                        "-legacy_renegotiation")
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        for (int i = 0; i < 50; i++) {
            if (handshake(permissivePort, "-tls1_3").ok()) {
                return;
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("openssl s_server did not start");
    }

    @AfterAll
    static void stopControl() {
        if (permissive != null) {
            permissive.destroyForcibly();
        }
    }

    @Test
    void acceptsTls13() throws Exception {
        Result r = handshake(server.port(), "-tls1_3");
        assertThat(r.ok()).as(r.output()).isTrue();
        assertThat(r.output())
                .contains("Protocol version: TLSv1.3")
                .containsAnyOf("TLS_AES_256_GCM_SHA384", "TLS_AES_128_GCM_SHA256", "TLS_CHACHA20_POLY1305_SHA256");
    }

    @Test
    void acceptsTls12WithEcdheAesGcm() throws Exception {
        Result r = handshake(server.port(), "-tls1_2", "-cipher", "ECDHE-ECDSA-AES256-GCM-SHA384");
        assertThat(r.ok()).as(r.output()).isTrue();
        assertThat(r.output()).contains("Protocol version: TLSv1.2").contains("ECDHE-ECDSA-AES256-GCM-SHA384");
    }

    @Test
    void acceptsTls12WithEcdheChaCha20() throws Exception {
        Result r = handshake(server.port(), "-tls1_2", "-cipher", "ECDHE-ECDSA-CHACHA20-POLY1305");
        assertThat(r.ok()).as(r.output()).isTrue();
    }

    @Test
    void refusesTls10() throws Exception {
        assertRefusedButControlAccepts("-tls1", "-cipher", LEGACY_CLIENT_CIPHERS);
    }

    @Test
    void refusesTls11() throws Exception {
        assertRefusedButControlAccepts("-tls1_1", "-cipher", LEGACY_CLIENT_CIPHERS);
    }

    @Test
    void refusesTls12CbcSuites() throws Exception {
        assertRefusedButControlAccepts(
                "-tls1_2",
                "-cipher",
                "ECDHE-ECDSA-AES128-SHA256:ECDHE-ECDSA-AES256-SHA384:ECDHE-ECDSA-AES128-SHA:@SECLEVEL=0");
    }

    @Test
    void refusesTls12WithoutForwardSecrecyOrAead() throws Exception {
        // Everything OpenSSL knows except the ECDHE + AEAD suites the policy allows.
        assertRefusedButControlAccepts("-tls1_2", "-cipher", "ALL:!ECDHE+AESGCM:!ECDHE+CHACHA20:@SECLEVEL=0");
    }

    @Test
    void refusesFiniteFieldGroupFfdhe2048OnTls13() throws Exception {
        assertRefusedButControlAccepts("-tls1_3", "-groups", "ffdhe2048");
    }

    @Test
    void acceptsEachOfTheThreeEllipticCurveGroupsAndNegotiatesIt() throws Exception {
        for (String[] group : new String[][] {{"x25519", "X25519"}, {"P-256", "prime256v1"}, {"P-384", "secp384r1"}}) {
            Result r = handshake(server.port(), "-tls1_3", "-groups", group[0]);
            assertThat(r.ok()).as(group[0] + ": " + r.output()).isTrue();
            assertThat(r.output()).contains("Server Temp Key: ").contains(group[1]);
            // TLS 1.2 also needs the ECDSA certificate's curve (P-256) among the client's groups.
            String offered = group[0].equals("P-256") ? "P-256" : group[0] + ":P-256";
            Result tls12 = handshake(server.port(), "-tls1_2", "-groups", offered);
            assertThat(tls12.ok()).as(group[0] + " TLS 1.2: " + tls12.output()).isTrue();
            assertThat(tls12.output()).contains("Server Temp Key: ").contains(group[1]);
        }
    }

    @Test
    void sslscanFindsExactlyTheThreeEllipticCurveGroups() throws Exception {
        Process p = new ProcessBuilder(
                        "sslscan",
                        "--no-colour",
                        "--no-ciphersuites",
                        "--no-renegotiation",
                        "--no-compression",
                        "--no-heartbleed",
                        "--no-fallback",
                        "--no-check-certificate",
                        "127.0.0.1:" + server.port())
                .redirectErrorStream(true)
                .start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        List<String> groups = out.lines()
                .dropWhile(l -> !l.contains("Server Key Exchange Group(s):"))
                .skip(1)
                .takeWhile(l -> !l.isBlank())
                .map(l -> l.trim().split("\\s+")[3])
                .sorted()
                .toList();
        assertThat(groups).as(out).containsExactly("secp256r1", "secp384r1", "x25519");
    }

    @Test
    void sessionTicketsLiveTwoHours() throws Exception {
        for (String version : List.of("-tls1_3", "-tls1_2")) {
            // Without -brief, s_client prints the session, with the ticket the server sent after a request.
            List<String> command = List.of(
                    "openssl",
                    "s_client",
                    "-connect",
                    "127.0.0.1:" + server.port(),
                    "-servername",
                    "localhost",
                    version);
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            p.getOutputStream()
                    .write("GET /api/v1/health HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"
                            .getBytes(StandardCharsets.US_ASCII));
            p.getOutputStream().flush();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.getOutputStream().close();
            assertThat(p.waitFor(15, TimeUnit.SECONDS)).isTrue();
            assertThat(out)
                    .as(version + ": " + out)
                    .contains("TLS session ticket lifetime hint: " + TlsPolicy.SESSION_LIFETIME.toSeconds()
                            + " (seconds)")
                    .doesNotContain("lifetime hint: 86400");
            assertThat(TlsPolicy.SESSION_LIFETIME.toSeconds()).isEqualTo(7200);
        }
    }

    private void assertRefusedButControlAccepts(String... args) throws Exception {
        Result control = handshake(permissivePort, args);
        assertThat(control.ok()).as("control handshake: " + control.output()).isTrue();
        Result r = handshake(server.port(), args);
        assertThat(r.ok()).as(r.output()).isFalse();
    }

    record Result(boolean ok, String output) {}

    static Result handshake(int port, String... options) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(
                List.of("openssl", "s_client", "-connect", "127.0.0.1:" + port, "-servername", "localhost", "-brief"));
        command.addAll(List.of(options));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        p.getOutputStream().write("Q\n".getBytes(StandardCharsets.US_ASCII));
        p.getOutputStream().close();
        if (!p.waitFor(15, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return new Result(false, "timeout");
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        boolean established = out.contains("CONNECTION ESTABLISHED") && !out.contains("alert");
        return new Result(established, out);
    }
}
