// Audit journal benchmark (embedded H2), run by `bench/audit.sh journal`: not part of ./mvnw -B verify.
//
// Starts the real application twice on fresh H2 data directories, once with the journal forced to
// disk (SECUREVISIT_AUDIT_JOURNAL_FORCE=true, the default) and once without, and records N events
// through the real AuditTrail with C concurrent callers for each C given. Each line: microseconds
// of wall time per record (the cost per record at that concurrency) and the callers' p50 / p99
// latency. Rounds alternate forced / not forced so that both see the same machine load. The
// source launcher compiles bench/AuditBench.java beside it (JEP 458), whose events it records.
import health.securevisit.SecureVisit;
import health.securevisit.audit.AuditTrail;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

public class JournalBench {

    public static void main(String[] args) throws Exception {
        int events = Integer.parseInt(args[0]);
        int rounds = Integer.parseInt(args[1]);
        int[] callers = Arrays.stream(args[2].split(",")).mapToInt(Integer::parseInt).toArray();
        Path work = Files.createTempDirectory("securevisit-journal-bench-");
        ConfigurableApplicationContext forced = start(work.resolve("forced"), true);
        ConfigurableApplicationContext cached = start(work.resolve("cached"), false);
        AuditTrail forcedTrail = forced.getBean(AuditTrail.class);
        AuditTrail cachedTrail = cached.getBean(AuditTrail.class);
        run(forcedTrail, 5_000, 8); // warm-up
        run(cachedTrail, 5_000, 8);
        System.out.printf("events per round %d, rounds %d, journal on %s%n", events, rounds, work);
        for (int c : callers) {
            for (int r = 1; r <= rounds; r++) {
                double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
                report("forced", c, r, load, run(forcedTrail, events, c));
                report("not forced", c, r, load, run(cachedTrail, events, c));
            }
        }
        forced.close();
        cached.close();
    }

    static ConfigurableApplicationContext start(Path dataDir, boolean force) {
        return new SpringApplicationBuilder(SecureVisit.class)
                .run(
                        "--securevisit.data-dir=" + dataDir,
                        "--securevisit.audit.journal-force=" + force,
                        "--securevisit.log-format=text",
                        "--logging.level.root=WARN",
                        "--server.port=0",
                        "--securevisit.audit.verify-interval=24h");
    }

    record Result(long nanos, long[] latencies) {}

    static Result run(AuditTrail trail, int n, int callers) throws Exception {
        AtomicLong next = new AtomicLong();
        long[] latencies = new long[n];
        long start = System.nanoTime();
        try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> workers = new ArrayList<>();
            for (int c = 0; c < callers; c++) {
                workers.add(pool.submit(() -> {
                    for (long i; (i = next.getAndIncrement()) < n; ) {
                        long t = System.nanoTime();
                        trail.record(AuditBench.event(i)); // the same events as bench/AuditBench.java
                        latencies[(int) i] = System.nanoTime() - t;
                    }
                    return null;
                }));
            }
            for (Future<?> w : workers) {
                w.get();
            }
        }
        return new Result(System.nanoTime() - start, latencies);
    }

    static void report(String mode, int callers, int round, double load, Result r) {
        long[] sorted = r.latencies().clone();
        Arrays.sort(sorted);
        System.out.printf(
                "%-10s callers %4d round %d (load %.1f): %7.1f us/record, %8.0f records/s, latency p50 %7.1f us p99 %8.1f us%n",
                mode,
                callers,
                round,
                load,
                r.nanos() / 1e3 / sorted.length,
                sorted.length / (r.nanos() / 1e9),
                sorted[sorted.length / 2] / 1e3,
                sorted[(int) (sorted.length * 0.99)] / 1e3);
    }
}
