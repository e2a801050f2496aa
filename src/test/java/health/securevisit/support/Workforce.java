package health.securevisit.support;

import com.eatthepath.otp.TimeBasedOneTimePasswordGenerator;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.spec.SecretKeySpec;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Test support: a scripted workforce client of one server (its own cookie jar, CSRF header from the
 * {@code __Host-XSRF-TOKEN} cookie, optionally its own loopback source address), and the server's
 * first administrator, created once per server through the setup token.
 */
public final class Workforce {

    public static final JsonMapper JSON = JsonMapper.builder().build();
    public static final String ADMIN = "first.admin";
    public static final String ADMIN_PASSWORD = "correct horse battery staple admin";
    private static final Map<RunningServer, Account> ADMINS = new ConcurrentHashMap<>();
    private static final Map<String, Long> LAST_STEP = new ConcurrentHashMap<>();
    private static final Map<RunningServer, Workforce> ADMIN_CLIENTS = new ConcurrentHashMap<>();
    /** When each cached administrator session last verified a second factor (account changes need one). */
    private static final Map<RunningServer, Instant> ADMIN_MFA_AT = new ConcurrentHashMap<>();

    /** The reason the test administrator gives for accounts with roles that see PHI. */
    public static final String REASON = "test fixture account for an automated test";

    /** An account whose TOTP secret the test knows. */
    public record Account(String id, String username, String password, String totpSecret) {}

    private final RunningServer server;
    private final CookieManager cookies = new CookieManager();
    private final HttpClient http;

    private Workforce(RunningServer server, InetAddress source) {
        this.server = server;
        HttpClient.Builder builder = HttpClient.newBuilder()
                .sslContext(RunningServer.trusting(server.dataDir().resolve("tls/server.crt")))
                .cookieHandler(cookies)
                .connectTimeout(Duration.ofSeconds(10));
        if (source != null) {
            builder.localAddress(source);
        }
        this.http = builder.build();
    }

    public static Workforce on(RunningServer server) {
        return new Workforce(server, null);
    }

    /** A client whose requests come from {@code address} (any 127.x.y.z works on loopback). */
    public static Workforce from(RunningServer server, String address) {
        try {
            return new Workforce(server, InetAddress.getByName(address));
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The client with this person's cookie jar (for WebSocket handshakes that carry their cookies). */
    public HttpClient http() {
        return http;
    }

    public HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(server.uri(path)).GET());
    }

    public HttpResponse<String> post(String path, String json) {
        return send(withCsrf(HttpRequest.newBuilder(server.uri(path)))
                .header("Content-Type", "application/json")
                .POST(BodyPublishers.ofString(json)));
    }

    /** A POST of {@code body} with the given content type (CSV uploads and the like), with the CSRF token. */
    public HttpResponse<String> post(String path, String contentType, String body) {
        return send(withCsrf(HttpRequest.newBuilder(server.uri(path)))
                .header("Content-Type", contentType)
                .POST(BodyPublishers.ofString(body)));
    }

    /** Puts a cookie taken from another client into this one (a stolen session cookie, in tests). */
    public void adoptCookie(HttpCookie cookie) {
        cookies.getCookieStore().add(server.uri("/"), cookie);
    }

    public HttpResponse<String> put(String path, String json) {
        return send(withCsrf(HttpRequest.newBuilder(server.uri(path)))
                .header("Content-Type", "application/json")
                .PUT(BodyPublishers.ofString(json)));
    }

    /** A PUT of raw bytes of {@code contentType} (a document upload), with the CSRF token. */
    public HttpResponse<String> putBytes(String path, String contentType, byte[] body) {
        return send(withCsrf(HttpRequest.newBuilder(server.uri(path)))
                .header("Content-Type", contentType)
                .PUT(BodyPublishers.ofByteArray(body)));
    }

    /** A PUT of {@code text} with {@code contentType} (for bodies that are not JSON, such as YAML). */
    public HttpResponse<String> putText(String path, String contentType, String text) {
        return putBytes(path, contentType, text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    public HttpResponse<String> delete(String path) {
        return send(withCsrf(HttpRequest.newBuilder(server.uri(path))).DELETE());
    }

    public HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public Optional<HttpCookie> cookie(String name) {
        return cookies.getCookieStore().getCookies().stream()
                .filter(c -> c.getName().equals(name))
                .findFirst();
    }

    public HttpRequest.Builder withCsrf(HttpRequest.Builder request) {
        if (cookie("__Host-XSRF-TOKEN").isEmpty()) {
            get("/api/v1/auth/csrf");
        }
        return request.header(
                "X-XSRF-TOKEN", cookie("__Host-XSRF-TOKEN").orElseThrow().getValue());
    }

    public static JsonNode json(HttpResponse<String> response) {
        return JSON.readTree(response.body());
    }

    public static String body(Object... keyValues) {
        Map<String, Object> map = new java.util.LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            map.put((String) keyValues[i], keyValues[i + 1]);
        }
        return JSON.writeValueAsString(map);
    }

    // --- sign-in walks ---

    /** Password then TOTP; fails the test if either step is refused. */
    public Workforce signIn(Account account) {
        String code = nextCode(account.totpSecret());
        expect(post("/api/v1/auth/login", body("username", account.username(), "password", account.password())), 200);
        expect(post("/api/v1/auth/totp/verify", body("code", code)), 200);
        return this;
    }

    /** Verifies a fresh TOTP code in this signed-in session (a step-up). */
    public Workforce stepUp(Account account) {
        expect(post("/api/v1/auth/totp/verify", body("code", nextCode(account.totpSecret()))), 200);
        return this;
    }

    /** First sign-in of a new account: password, TOTP enrolment, confirmation; returns the secret. */
    public String firstSignIn(String username, String password) {
        JsonNode login =
                json(expect(post("/api/v1/auth/login", body("username", username, "password", password)), 200));
        if (!login.path("next").asString().equals("mfa-enroll")) {
            throw new AssertionError("expected mfa-enroll, got " + login);
        }
        String secret = json(expect(post("/api/v1/auth/totp/enrollment", "{}"), 200))
                .path("secret")
                .asString();
        expect(post("/api/v1/auth/totp/enrollment/confirm", body("code", nextCode(secret))), 200);
        return secret;
    }

    /** A username no other test uses. */
    public static String unique(String prefix) {
        return prefix + "." + UUID.randomUUID().toString().substring(0, 8);
    }

    /** A new account created by the server's administrator, before its first sign-in; returns its id. */
    public static String newUser(RunningServer server, String username, String password, String... roles) {
        HttpResponse<String> created = adminClient(server)
                .post(
                        "/api/v1/users",
                        body(
                                "username",
                                username,
                                "password",
                                password,
                                "roles",
                                java.util.List.of(roles),
                                "reason",
                                REASON));
        return json(expect(created, 201)).path("id").asString();
    }

    /** A new account with the given roles, created by the server's administrator, MFA enrolled. */
    public static Account newAccount(RunningServer server, String username, String... roles) {
        String password = "a long passphrase, " + UUID.randomUUID();
        Workforce admin = adminClient(server);
        HttpResponse<String> created = admin.post(
                "/api/v1/users",
                body("username", username, "password", password, "roles", java.util.List.of(roles), "reason", REASON));
        String id = json(expect(created, 201)).path("id").asString();
        String secret = on(server).firstSignIn(username, password);
        return new Account(id, username, password, secret);
    }

    /** A client signed in as the server's first administrator, shared by the tests of one run. */
    public static synchronized Workforce adminClient(RunningServer server) {
        Workforce client = ADMIN_CLIENTS.get(server);
        if (client == null || client.get("/api/v1/auth/session").statusCode() != 200) {
            client = on(server).signIn(admin(server));
            ADMIN_CLIENTS.put(server, client);
            ADMIN_MFA_AT.put(server, Instant.now());
        } else if (ADMIN_MFA_AT.get(server).isBefore(Instant.now().minus(Duration.ofMinutes(4)))) {
            client.stepUp(admin(server));
            ADMIN_MFA_AT.put(server, Instant.now());
        }
        return client;
    }

    /** The server's first administrator (created through the setup token on first use). */
    public static synchronized Account admin(RunningServer server) {
        return ADMINS.computeIfAbsent(server, s -> {
            try {
                Path tokenFile = s.dataDir().resolve("setup-token");
                String token = Files.readString(tokenFile).strip();
                Workforce client = on(s);
                HttpResponse<String> setup = client.post(
                        "/api/v1/setup", body("token", token, "username", ADMIN, "password", ADMIN_PASSWORD));
                String id = json(expect(setup, 201)).path("id").asString();
                String secret = client.firstSignIn(ADMIN, ADMIN_PASSWORD);
                return new Account(id, ADMIN, ADMIN_PASSWORD, secret);
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    public static HttpResponse<String> expect(HttpResponse<String> response, int status) {
        if (response.statusCode() != status) {
            throw new AssertionError(
                    "expected " + status + " but got " + response.statusCode() + ": " + response.body());
        }
        return response;
    }

    /**
     * A TOTP code (computed with java-otp) for a time step after the last one used with this secret
     * in this JVM, waiting for the clock when needed (the server accepts one step of drift, so the
     * code stays valid for at least 30 seconds).
     */
    public static String nextCode(String base32Secret) {
        long now = Instant.now().getEpochSecond() / 30;
        long step = Math.max(now, LAST_STEP.getOrDefault(base32Secret, Long.MIN_VALUE) + 1);
        while (step > Instant.now().getEpochSecond() / 30 + 1) {
            sleep(Duration.ofMillis(500));
        }
        LAST_STEP.put(base32Secret, step);
        return code(base32Secret, Instant.ofEpochSecond(step * 30));
    }

    public static String code(String base32Secret, Instant time) {
        try {
            TimeBasedOneTimePasswordGenerator totp = new TimeBasedOneTimePasswordGenerator();
            return totp.generateOneTimePasswordString(new SecretKeySpec(base32(base32Secret), "HmacSHA1"), time);
        } catch (java.security.InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] base32(String s) {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        int buffer = 0;
        int bits = 0;
        for (char c : s.toUpperCase(java.util.Locale.ROOT).toCharArray()) {
            buffer = (buffer << 5) | alphabet.indexOf(c);
            bits += 5;
            if (bits >= 8) {
                out.write((buffer >> (bits - 8)) & 0xff);
                bits -= 8;
            }
        }
        return out.toByteArray();
    }

    public static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public URI uri(String path) {
        return server.uri(path);
    }
}
