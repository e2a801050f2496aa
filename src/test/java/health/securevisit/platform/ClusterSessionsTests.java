package health.securevisit.platform;

import static health.securevisit.support.Workforce.body;
import static health.securevisit.support.Workforce.expect;
import static health.securevisit.support.Workforce.json;
import static org.assertj.core.api.Assertions.assertThat;

import health.securevisit.support.Clinic;
import health.securevisit.support.ClusterNodes;
import health.securevisit.support.RedisServer;
import health.securevisit.support.RunningServer;
import health.securevisit.support.Workforce;
import java.net.HttpCookie;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Cluster mode on real engines: two nodes on one PostgreSQL database and (for the Redis variant) a
 * private redis-server. A session signed in on one node works on the other without stickiness, MFA
 * and step-up state travel with it, sign-in throttles count attempts on both nodes, and a Redis
 * outage fails closed (503 problems: no PHI read, no sign-in counted as passed).
 */
class ClusterSessionsTests {

    private static final String SESSION = "__Host-SVSESSION";

    @Test
    void sharesSessionsAndThrottlesThroughRedisAndFailsClosedWhenRedisDies() {
        try (RedisServer redis = RedisServer.start();
                ClusterNodes nodes = ClusterNodes.start(Map.of(
                        "cluster.sessions", "redis",
                        "cluster.throttles", "redis",
                        "cluster.redis-url", redis.url(),
                        "cluster.key-prefix", "sv-test-" + Long.toString(System.nanoTime(), 36),
                        "identity.throttle.account-free-failures", "1",
                        "identity.throttle.account-lock-after", "5"))) {
            Clinic clinic = sessionTravelsBetweenNodes(nodes);
            throttleCountsOnBothNodes(nodes);

            assertThat(nodes.a().get("/api/v1/health/readiness").statusCode()).isEqualTo(200);
            redis.stop();
            // Out of the load balancer's rotation: readiness includes Redis in cluster mode.
            assertThat(nodes.a().get("/api/v1/health/readiness").statusCode()).isEqualTo(503);
            Workforce onA = Workforce.on(nodes.a());
            onA.adoptCookie(clinic.clinician().cookie(SESSION).orElseThrow());
            HttpResponse<String> chart = onA.get(clinic.chartPath());
            assertThat(chart.statusCode()).isEqualTo(503);
            assertThat(json(chart).path("code").asString()).isEqualTo("shared-state-unavailable");
            assertThat(chart.body()).doesNotContain(clinic.fullName());

            HttpResponse<String> signIn = Workforce.on(nodes.b())
                    .post("/api/v1/auth/login", body("username", clinic.doctor().username(), "password", "x"));
            assertThat(signIn.statusCode()).isEqualTo(503);
            assertThat(json(signIn).path("code").asString()).isEqualTo("shared-state-unavailable");
        }
    }

    @Test
    void sharesSessionsAndThrottlesThroughPostgresql() {
        try (ClusterNodes nodes = ClusterNodes.start(Map.of(
                "cluster.sessions", "postgresql",
                "cluster.throttles", "postgresql",
                "identity.throttle.account-free-failures", "1",
                "identity.throttle.account-lock-after", "5"))) {
            sessionTravelsBetweenNodes(nodes);
            throttleCountsOnBothNodes(nodes);
        }
    }

    /** Signs in on A, reads the chart on B with the same cookie, steps up on B and sees it on A. */
    private static Clinic sessionTravelsBetweenNodes(ClusterNodes nodes) {
        Clinic clinic = Clinic.withVerifiedVisit(nodes.a());
        HttpCookie cookie = clinic.clinician().cookie(SESSION).orElseThrow();
        Workforce onB = Workforce.on(nodes.b());
        onB.adoptCookie(cookie);
        clinic.clinician().cookie("__Host-XSRF-TOKEN").ifPresent(onB::adoptCookie);

        HttpResponse<String> chart = expect(onB.get(clinic.chartPath()), 200);
        assertThat(chart.body()).contains(clinic.fullName());
        Instant mfaAt = Instant.parse(
                json(expect(onB.get("/api/v1/auth/session"), 200)).path("mfaAt").asString());

        Workforce.sleep(java.time.Duration.ofMillis(1100)); // a later TOTP step than the sign-in's
        onB.stepUp(clinic.doctor());
        HttpCookie renewed = onB.cookie(SESSION).orElseThrow();
        Workforce backOnA = Workforce.on(nodes.a());
        backOnA.adoptCookie(renewed);
        Instant steppedUp = Instant.parse(json(expect(backOnA.get("/api/v1/auth/session"), 200))
                .path("mfaAt")
                .asString());
        assertThat(steppedUp).isAfter(mfaAt);

        // A session id that no node issued is not a session anywhere.
        Workforce forged = Workforce.on(nodes.b());
        HttpCookie fake = new HttpCookie(SESSION, "bm90LWEtc2Vzc2lvbg");
        fake.setPath("/");
        forged.adoptCookie(fake);
        assertThat(forged.get(clinic.chartPath()).statusCode()).isEqualTo(401);
        return clinic;
    }

    /** One free failure: a wrong password on A and one on B make the next attempt on A wait. */
    private static void throttleCountsOnBothNodes(ClusterNodes nodes) {
        RunningServer a = nodes.a();
        Workforce.Account account = Workforce.newAccount(a, Workforce.unique("cluster.throttle"), "STAFF");
        String wrong = body("username", account.username(), "password", "not the password at all");
        assertThat(json(Workforce.on(a).post("/api/v1/auth/login", wrong))
                        .path("code")
                        .asString())
                .isEqualTo("bad-credentials");
        assertThat(json(Workforce.on(nodes.b()).post("/api/v1/auth/login", wrong))
                        .path("code")
                        .asString())
                .isEqualTo("bad-credentials");
        HttpResponse<String> third = Workforce.on(a).post("/api/v1/auth/login", wrong);
        assertThat(third.statusCode()).isEqualTo(429);
        assertThat(third.headers().firstValue("Retry-After")).isPresent();
    }
}
