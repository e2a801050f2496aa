package health.securevisit.network.internal;

import health.securevisit.network.TlsPolicy;
import health.securevisit.platform.EvidenceSource;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.catalina.connector.Connector;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.tomcat.TomcatWebServer;
import org.springframework.boot.web.server.WebServer;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.stereotype.Component;

/**
 * {@code network.tls-self-scan}: connects to each of this server's own TLS listeners (the HTTPS
 * port and every additional connector, such as the hubs' mutual-TLS port) over loopback with JDK
 * sockets and offers what the policy forbids: TLS 1.0, TLS 1.1, and TLS 1.2 with only suites outside
 * {@link TlsPolicy#CIPHER_SUITES} (CBC, static RSA, finite-field DHE, 3DES, RC4, NULL, anonymous,
 * export). Each probe is a hand-built ClientHello, so the JDK client's own disabled protocols cannot
 * hide what the server accepts; a ServerHello in answer is a failure naming the listener. A last
 * ClientHello offering only the policy's TLS 1.2 suites must be answered with TLS 1.2 and one of them
 * (or refused, by a listener that speaks TLS 1.3 only).
 */
@Component
class TlsSelfScan implements EvidenceSource, ApplicationListener<WebServerInitializedEvent> {

    static final String CHECK = "network.tls-self-scan";
    static final Duration TIMEOUT = Duration.ofSeconds(3);

    /** TLS 1.2 suites of the policy, by IANA code. */
    static final Map<Integer, String> POLICY_12 = Map.of(
            0xC02C, "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
            0xC02B, "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
            0xCCA9, "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256",
            0xC030, "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
            0xC02F, "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
            0xCCA8, "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256");

    /** Suites the policy forbids, by IANA code. */
    static final Map<Integer, String> FORBIDDEN = Map.ofEntries(
            Map.entry(0x002F, "TLS_RSA_WITH_AES_128_CBC_SHA"),
            Map.entry(0x0035, "TLS_RSA_WITH_AES_256_CBC_SHA"),
            Map.entry(0x003C, "TLS_RSA_WITH_AES_128_CBC_SHA256"),
            Map.entry(0x009C, "TLS_RSA_WITH_AES_128_GCM_SHA256"),
            Map.entry(0x009D, "TLS_RSA_WITH_AES_256_GCM_SHA384"),
            Map.entry(0xC009, "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA"),
            Map.entry(0xC00A, "TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA"),
            Map.entry(0xC013, "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA"),
            Map.entry(0xC014, "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA"),
            Map.entry(0xC023, "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256"),
            Map.entry(0xC024, "TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA384"),
            Map.entry(0xC027, "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256"),
            Map.entry(0xC028, "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA384"),
            Map.entry(0x0033, "TLS_DHE_RSA_WITH_AES_128_CBC_SHA"),
            Map.entry(0x009E, "TLS_DHE_RSA_WITH_AES_128_GCM_SHA256"),
            Map.entry(0x009F, "TLS_DHE_RSA_WITH_AES_256_GCM_SHA384"),
            Map.entry(0x000A, "TLS_RSA_WITH_3DES_EDE_CBC_SHA"),
            Map.entry(0xC012, "TLS_ECDHE_RSA_WITH_3DES_EDE_CBC_SHA"),
            Map.entry(0x0005, "TLS_RSA_WITH_RC4_128_SHA"),
            Map.entry(0x003B, "TLS_RSA_WITH_NULL_SHA256"),
            Map.entry(0xC010, "TLS_ECDHE_RSA_WITH_NULL_SHA"),
            Map.entry(0x0034, "TLS_DH_anon_WITH_AES_128_CBC_SHA"),
            Map.entry(0xC018, "TLS_ECDH_anon_WITH_AES_128_CBC_SHA"),
            Map.entry(0x0003, "TLS_RSA_EXPORT_WITH_RC4_40_MD5"));

    private final Clock clock;
    private volatile @Nullable WebServer server;

    TlsSelfScan(Clock clock) {
        this.clock = clock;
    }

    @Override
    public void onApplicationEvent(WebServerInitializedEvent event) {
        server = event.getWebServer();
    }

    @Override
    public List<Evidence> evidence() {
        Instant now = clock.instant();
        List<Integer> ports = ports();
        if (ports.isEmpty()) {
            return List.of(Evidence.none(CHECK, now, "no TLS listener is running in this process"));
        }
        List<String> failing = new ArrayList<>();
        for (int port : ports) {
            for (String problem : scan("127.0.0.1", port)) {
                failing.add("listener 127.0.0.1:" + port + ": " + problem);
            }
        }
        String scanned = ports.size() + " listener(s) " + ports;
        return List.of(
                failing.isEmpty()
                        ? Evidence.pass(CHECK, now, scanned + ": TLS 1.0, 1.1 and suites outside the policy refused")
                        : Evidence.fail(CHECK, now, scanned + ": " + failing.size() + " policy violation(s)", failing));
    }

    /** The TLS listeners of the running web server: every secure connector with a port. */
    List<Integer> ports() {
        WebServer s = server;
        if (s instanceof TomcatWebServer tomcat) {
            List<Integer> out = new ArrayList<>();
            for (Connector c : tomcat.getTomcat().getService().findConnectors()) {
                if (c.getSecure() && c.getLocalPort() > 0) {
                    out.add(c.getLocalPort());
                }
            }
            return out;
        }
        return s == null || s.getPort() <= 0 ? List.of() : List.of(s.getPort());
    }

    /** What the listener at {@code host:port} accepts that the policy forbids (empty: nothing). */
    static List<String> scan(String host, int port) {
        List<String> problems = new ArrayList<>();
        String probe = "TLS 1.0";
        try {
            if (hello(host, port, 0x0301, all()).isPresent()) {
                problems.add("accepts TLS 1.0");
            }
            probe = "TLS 1.1";
            if (hello(host, port, 0x0302, all()).isPresent()) {
                problems.add("accepts TLS 1.1");
            }
            probe = "TLS 1.2 with forbidden suites";
            Optional<ServerHello> weak = hello(host, port, 0x0303, List.copyOf(FORBIDDEN.keySet()));
            weak.ifPresent(h ->
                    problems.add("accepts " + FORBIDDEN.getOrDefault(h.suite(), hex(h.suite())) + " over TLS 1.2"));
            probe = "TLS 1.2 with the policy's suites";
            Optional<ServerHello> good = hello(host, port, 0x0303, List.copyOf(POLICY_12.keySet()));
            good.filter(h -> h.version() != 0x0303 || !POLICY_12.containsKey(h.suite()))
                    .ifPresent(h -> problems.add(
                            "answers a policy ClientHello with " + hex(h.version()) + "/" + hex(h.suite())));
        } catch (IOException e) {
            problems.add("unreachable (" + e.getClass().getSimpleName() + " at the " + probe + " probe)");
        }
        return problems;
    }

    /** The server's answer to a ClientHello: its version and suite. */
    record ServerHello(int version, int suite) {}

    /**
     * Sends a ClientHello of {@code version} offering {@code suites} (with the policy's groups) and
     * reads the first record of the answer: a ServerHello, or empty for an alert or a closed connection.
     */
    static Optional<ServerHello> hello(String host, int port, int version, List<Integer> suites) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), (int) TIMEOUT.toMillis());
            socket.setSoTimeout((int) TIMEOUT.toMillis());
            OutputStream out = socket.getOutputStream();
            out.write(clientHello(version, suites));
            out.flush();
            DataInputStream in = new DataInputStream(socket.getInputStream());
            int type;
            try {
                type = in.readUnsignedByte();
                in.readUnsignedShort();
                int length = in.readUnsignedShort();
                if (type != 0x16 || length < 42) {
                    return Optional.empty(); // an alert: refused
                }
                byte[] body = new byte[length];
                in.readFully(body);
                if (body[0] != 0x02) {
                    return Optional.empty();
                }
                int serverVersion = ((body[4] & 0xff) << 8) | (body[5] & 0xff);
                int sid = body[38] & 0xff;
                int suite = ((body[39 + sid] & 0xff) << 8) | (body[40 + sid] & 0xff);
                return Optional.of(new ServerHello(serverVersion, suite));
            } catch (java.io.EOFException | java.net.SocketException e) {
                return Optional.empty(); // closed without an answer: refused
            }
        }
    }

    static byte[] clientHello(int version, List<Integer> suites) {
        Bytes ext = new Bytes();
        // supported_groups: x25519, secp256r1, secp384r1
        ext.u16(0x000a).u16(8).u16(6).u16(0x001d).u16(0x0017).u16(0x0018);
        // ec_point_formats: uncompressed
        ext.u16(0x000b).u16(2).u8(1).u8(0);
        // signature_algorithms
        int[] sigs = {0x0403, 0x0503, 0x0804, 0x0805, 0x0401, 0x0501, 0x0201, 0x0203};
        ext.u16(0x000d).u16(2 + 2 * sigs.length).u16(2 * sigs.length);
        for (int s : sigs) {
            ext.u16(s);
        }
        // renegotiation_info (empty), extended_master_secret
        ext.u16(0xff01).u16(1).u8(0);
        ext.u16(0x0017).u16(0);
        Bytes hello = new Bytes();
        hello.u16(version);
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        hello.raw(random).u8(0);
        hello.u16(2 * suites.size());
        suites.forEach(hello::u16);
        hello.u8(1).u8(0);
        byte[] extensions = ext.bytes();
        hello.u16(extensions.length).raw(extensions);
        byte[] body = hello.bytes();
        Bytes handshake = new Bytes().u8(0x01).u24(body.length).raw(body);
        byte[] h = handshake.bytes();
        return new Bytes().u8(0x16).u16(0x0301).u16(h.length).raw(h).bytes();
    }

    private static List<Integer> all() {
        List<Integer> out = new ArrayList<>(POLICY_12.keySet());
        out.addAll(FORBIDDEN.keySet());
        return out;
    }

    private static String hex(int code) {
        return String.format("0x%04X", code);
    }

    /** A small big-endian byte builder for the ClientHello. */
    static final class Bytes {
        private final java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();

        Bytes u8(int v) {
            out.write(v);
            return this;
        }

        Bytes u16(int v) {
            return u8(v >>> 8).u8(v & 0xff);
        }

        Bytes u24(int v) {
            return u8(v >>> 16).u16(v & 0xffff);
        }

        Bytes raw(byte[] b) {
            out.writeBytes(b);
            return this;
        }

        byte[] bytes() {
            return out.toByteArray();
        }
    }
}
