package health.securevisit.identity;

import health.securevisit.identity.internal.UserAdministration;
import health.securevisit.support.RunningServer;
import health.securevisit.support.Workforce;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.function.IntFunction;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/**
 * Benchmark of the password step (not a test; see docs/benchmarks/identity.md for the command):
 * the cost of one Argon2id hash at SecureVisit's parameters against bcrypt cost 10, and first-factor
 * logins per second over HTTPS against a real server, with {@code GET /api/v1/health} as baseline.
 */
public final class IdentityBenchmark {

    static final Duration RUN = Duration.ofSeconds(Long.getLong("bench.seconds", 10));

    public static void main(String[] args) throws Exception {
        try {
            run();
        } finally {
            System.exit(0); // the HTTP clients' threads would keep the JVM alive
        }
    }

    static void run() throws Exception {
        hashes();
        try (RunningServer server = RunningServer.start(Map.of())) {
            List<String> users = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                String name = "bench.user" + i;
                server.context()
                        .getBean(UserAdministration.class)
                        .create(null, name, "benchmark passphrase " + i, Set.of(Role.STAFF));
                users.add(name);
            }
            for (int clients : new int[] {1, 2, 4}) {
                double health = rate(server, clients, i -> w -> w.get("/api/v1/health"));
                double logins = rate(
                        server,
                        clients,
                        i -> w -> w.post(
                                "/api/v1/auth/login",
                                Workforce.body("username", users.get(i), "password", "benchmark passphrase " + i)));
                System.out.printf(
                        "http clients=%d: health %.0f req/s, password logins %.1f/s (%.1f ms each), ratio %.0fx%n",
                        clients, health, logins, 1000.0 * clients / logins, health / logins);
            }
        }
    }

    static void hashes() throws Exception {
        Argon2PasswordEncoder argon2 = new Argon2PasswordEncoder(16, 32, 1, 19_456, 2);
        BCryptPasswordEncoder bcrypt = new BCryptPasswordEncoder(10);
        double argon = millis(() -> argon2.encode("correct horse battery staple"));
        double bc = millis(() -> bcrypt.encode("correct horse battery staple"));
        System.out.printf(
                "argon2id m=19456 t=2 p=1: median %.1f ms per hash; bcrypt cost 10: %.1f ms (ratio %.2f)%n",
                argon, bc, argon / bc);
        int total = countFor(2, thread -> () -> argon2.encode("correct horse battery staple"));
        System.out.printf("argon2id on 2 threads: %.1f hashes/s%n", total / (double) RUN.toSeconds());
    }

    static double millis(Runnable hash) {
        for (int i = 0; i < 5; i++) {
            hash.run();
        }
        long[] samples = new long[25];
        for (int i = 0; i < samples.length; i++) {
            long start = System.nanoTime();
            hash.run();
            samples[i] = System.nanoTime() - start;
        }
        Arrays.sort(samples);
        return samples[samples.length / 2] / 1e6;
    }

    /** Requests per second over {@link #RUN} with {@code clients} concurrent clients. */
    static double rate(
            RunningServer server, int clients, Function<Integer, Function<Workforce, HttpResponse<String>>> call)
            throws Exception {
        int total = countFor(clients, index -> {
            Workforce client = Workforce.on(server);
            Function<Workforce, HttpResponse<String>> request = call.apply(index);
            return () -> {
                HttpResponse<String> r = request.apply(client);
                if (r.statusCode() != 200) {
                    throw new IllegalStateException("unexpected " + r.statusCode() + ": " + r.body());
                }
            };
        });
        return total / (double) RUN.toSeconds();
    }

    /** Runs each thread's task over and over for {@link #RUN}; returns how many runs completed. */
    static int countFor(int threads, IntFunction<Runnable> task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        long end = System.nanoTime() + RUN.toNanos();
        List<Future<Integer>> counts = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int index = t;
            counts.add(pool.submit(() -> {
                Runnable work = task.apply(index);
                int n = 0;
                while (System.nanoTime() < end) {
                    work.run();
                    n++;
                }
                return n;
            }));
        }
        int total = 0;
        for (Future<Integer> c : counts) {
            total += c.get();
        }
        pool.shutdown();
        return total;
    }
}
