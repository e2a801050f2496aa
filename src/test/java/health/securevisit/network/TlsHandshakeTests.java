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
 * The listener's TLS policy, checked with a real outside client: {@code openssl s_client}. Each
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
