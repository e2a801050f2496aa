package health.securevisit.matrix;

import static org.assertj.core.api.Assertions.assertThat;

import health.securevisit.support.Clinic;
import health.securevisit.support.RunningServer;
import health.securevisit.support.Workforce;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Many requests of signed-in sessions at once on a server with a two-connection pool: no request may
 * hold more than one pooled connection at a time (a session's account re-read, the access decision,
 * its audit record, the chart's reads), or the pool deadlocks as soon as as many requests as it has
 * connections arrive together.
 */
class ConcurrentRequestsTests {

    /** Two pooled connections: a request that needs two at once deadlocks against its neighbour at once. */
    static final RunningServer server = RunningServer.start(
            Map.of(),
            List.of(
                    "--spring.datasource.hikari.maximum-pool-size=2",
                    "--spring.datasource.hikari.connection-timeout=5000"));

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void sixtyFourConcurrentRequestsOfOneSessionAllAnswerPromptly() throws Exception {
        Workforce staff =
                Workforce.on(server).signIn(Workforce.newAccount(server, Workforce.unique("concurrent"), "STAFF"));
        hammer(staff, "/api/v1/auth/session");
    }

    @Test
    void sixtyFourConcurrentAuditedChartReadsAllAnswerPromptly() throws Exception {
        Clinic clinic = Clinic.withVerifiedVisit(server);
        hammer(clinic.clinician(), clinic.chartPath());
    }

    /** Five rounds of 64 simultaneous GETs; every one must answer 200 well before the pool's timeout. */
    private static void hammer(Workforce client, String path) throws Exception {
        ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor();
        try {
            for (int round = 0; round < 5; round++) {
                List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
                for (int i = 0; i < 64; i++) {
                    calls.add(CompletableFuture.supplyAsync(() -> client.get(path), pool));
                }
                // A pool deadlock holds these for the pool's connection timeout, then fails them.
                CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)).get(20, TimeUnit.SECONDS);
                for (CompletableFuture<HttpResponse<String>> call : calls) {
                    assertThat(call.join().statusCode()).as(path).isEqualTo(200);
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
