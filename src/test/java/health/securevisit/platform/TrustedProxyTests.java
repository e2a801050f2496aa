package health.securevisit.platform;

import static health.securevisit.support.Workforce.body;
import static health.securevisit.support.Workforce.json;
import static org.assertj.core.api.Assertions.assertThat;

import health.securevisit.support.RunningServer;
import health.securevisit.support.Workforce;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Behind a load balancer (docs/cluster.md): the client address is taken from {@code X-Forwarded-For}
 * only when the connection comes from the configured proxy (127.0.0.2 here); the same header from any
 * other address is ignored. Observed through the sign-in throttle's source key: with no free failures
 * per source, a failure makes that source wait.
 */
class TrustedProxyTests {

    private static RunningServer server;

    @BeforeAll
    static void start() {
        server = RunningServer.start(
                Map.of("identity.throttle.source-free-failures", "0"),
                List.of(
                        "--server.forward-headers-strategy=native",
                        "--server.tomcat.remoteip.internal-proxies=127\\.0\\.0\\.2"));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void forgedForwardedForFromAnUntrustedAddressIsIgnored() {
        Workforce direct = Workforce.from(server, "127.0.0.3");
        assertThat(code(login(direct, "203.0.113.7"))).isEqualTo("bad-credentials");
        // Another "client" claimed by the same connection address: still the same source, now waiting.
        HttpResponse<String> forged = login(direct, "203.0.113.8");
        assertThat(forged.statusCode()).isEqualTo(429);
    }

    @Test
    void trustedProxySetsTheClientAddress() {
        Workforce proxy = Workforce.from(server, "127.0.0.2");
        assertThat(code(login(proxy, "198.51.100.20"))).isEqualTo("bad-credentials");
        // A different client behind the same proxy has its own count.
        assertThat(code(login(proxy, "198.51.100.21"))).isEqualTo("bad-credentials");
        // The first client again: its failure counted against its own address.
        assertThat(login(proxy, "198.51.100.20").statusCode()).isEqualTo(429);
    }

    private static HttpResponse<String> login(Workforce client, String forwardedFor) {
        return client.send(client.withCsrf(HttpRequest.newBuilder(client.uri("/api/v1/auth/login")))
                .header("Content-Type", "application/json")
                .header("X-Forwarded-For", forwardedFor)
                .POST(HttpRequest.BodyPublishers.ofString(
                        body("username", Workforce.unique("nobody"), "password", "not a password of anyone"))));
    }

    private static String code(HttpResponse<String> response) {
        return json(response).path("code").asString();
    }
}
