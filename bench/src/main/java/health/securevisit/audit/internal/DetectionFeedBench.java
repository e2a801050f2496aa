package health.securevisit.audit.internal;

import health.securevisit.audit.AuditFeed;
import health.securevisit.detection.internal.DetectionBench;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Detection benchmark (docs/benchmarks/detection.md), run by bench/detection.sh; not part of
 * {@code ./mvnw verify}. In one run:
 *
 * <ol>
 *   <li>the append path: C callers append through the real audit trail (embedded H2, journal forced),
 *       in alternating rounds without and with the detection feed running beside it (a reader on
 *       {@link AuditFeed} from its own cursor, 500 entries a batch, evaluating every shipped rule, as
 *       the live runner does); per-call latency p50/p99 and the append rate, and in the rounds with
 *       the feed, that it caught up with every entry;
 *   <li>rule evaluation throughput: a replay of N events (default 1,000,000) through one engine with
 *       every shipped rule, checked (every event evaluated, rules fired), against the append rate.
 * </ol>
 */
public final class DetectionFeedBench {

    public static void main(String[] args) throws Exception {
        int replay = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int perRound = args.length > 1 ? Integer.parseInt(args[1]) : 20_000;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        int callers = args.length > 3 ? Integer.parseInt(args[3]) : 16;
        Path dir = Files.createTempDirectory("detection-bench-");
        List<double[]> without = new ArrayList<>();
        List<double[]> with = new ArrayList<>();
        try (TrailFixture trail = TrailFixture.h2(dir.resolve("data"))) {
            JdbcAuditFeed feed = new JdbcAuditFeed(trail.dataSource);
            AtomicLong next = new AtomicLong();
            for (int round = 0; round <= rounds; round++) {
                for (boolean detecting : new boolean[] {round % 2 == 0, round % 2 != 0}) {
                    double[] r = round(trail, feed, next, perRound, callers, detecting);
                    if (round > 0) { // the first round warms the JIT up
                        (detecting ? with : without).add(r);
                        System.out.printf(
                                "round %d %-12s %,9.0f appends/s  p50 %6.3f ms  p99 %6.3f ms%s%n",
                                round,
                                detecting ? "with feed" : "without feed",
                                r[0],
                                r[1],
                                r[2],
                                detecting ? String.format("  feed caught up %,.0f ms after the last append", r[3]) : "");
                    }
                }
            }
        }
        double appendRate = median(without, 0);
        double p50Without = median(without, 1);
        double p50With = median(with, 1);
        double p99Without = median(without, 2);
        double p99With = median(with, 2);
        System.out.printf(
                "append path (median of %d rounds, %d callers): without feed %,.0f/s p50 %.3f ms p99 %.3f ms;"
                        + " with feed %,.0f/s p50 %.3f ms p99 %.3f ms; added p50 %+.3f ms, p99 %+.3f ms%n",
                rounds,
                callers,
                appendRate,
                p50Without,
                p99Without,
                median(with, 0),
                p50With,
                p99With,
                p50With - p50Without,
                p99With - p99Without);

        DetectionBench.Evaluator engine = DetectionBench.evaluator();
        Instant start = Instant.parse("2026-03-02T00:00:00Z");
        long matches = 0;
        long t0 = System.nanoTime();
        for (long i = 0; i < replay; i++) {
            matches += engine.evaluate(i, start.plusMillis(i * 300), DetectionBench.event(i));
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        double evalRate = replay / seconds;
        boolean checked = engine.evaluated() == replay && engine.fired().size() >= 3;
        System.out.printf(
                "replay: %,d events x %d shipped rules in %.2f s = %,.0f events/s; %,d matches %s%n",
                replay, engine.rules(), seconds, evalRate, matches, engine.fired());
        System.out.printf(
                "verdict: evaluation %,.0f events/s vs append %,.0f/s (goal: keeps up): %s; work checked: %s%n",
                evalRate, appendRate, evalRate >= appendRate ? "met" : "NOT met", checked ? "yes" : "NO");
        if (!checked) {
            System.exit(1);
        }
    }

    /** One round: {@code n} appends by {@code callers} threads; {0: rate, 1: p50 ms, 2: p99 ms, 3: lag ms}. */
    static double[] round(TrailFixture trail, JdbcAuditFeed feed, AtomicLong next, int n, int callers, boolean detecting)
            throws Exception {
        AtomicBoolean stop = new AtomicBoolean();
        DetectionBench.Evaluator engine = DetectionBench.evaluator();
        long[] caughtUpAt = new long[1];
        long first = next.get();
        Thread reader = null;
        if (detecting) {
            reader = Thread.ofPlatform().name("detection-feed").start(() -> {
                long cursor = first;
                while (true) {
                    List<AuditFeed.Entry> batch = feed.read(cursor, 500);
                    for (AuditFeed.Entry e : batch) {
                        engine.evaluate(e.sequence(), e.time(), e.event());
                        cursor = e.sequence() + 1;
                    }
                    if (batch.isEmpty()) {
                        if (stop.get() && cursor >= first + n) {
                            caughtUpAt[0] = System.nanoTime();
                            return;
                        }
                        sleep(Duration.ofMillis(20));
                    }
                }
            });
        }
        long[] latencies = new long[n];
        AtomicLong index = new AtomicLong();
        CountDownLatch done = new CountDownLatch(callers);
        long t0 = System.nanoTime();
        for (int c = 0; c < callers; c++) {
            Thread.ofPlatform().start(() -> {
                try {
                    for (long i = index.getAndIncrement(); i < n; i = index.getAndIncrement()) {
                        long s = System.nanoTime();
                        trail.trail.record(DetectionBench.event(first + i));
                        latencies[(int) i] = System.nanoTime() - s;
                    }
                } finally {
                    done.countDown();
                }
            });
        }
        done.await();
        long appended = System.nanoTime();
        next.addAndGet(n);
        // the entries reach the tables shortly after the journal: wait until all are readable
        while (feed.read(first + n - 1, 1).isEmpty()) {
            sleep(Duration.ofMillis(10));
        }
        stop.set(true);
        if (reader != null) {
            reader.join();
            if (engine.evaluated() != n) {
                throw new IllegalStateException("the feed evaluated " + engine.evaluated() + " of " + n);
            }
        }
        Arrays.sort(latencies);
        return new double[] {
            n / ((appended - t0) / 1e9),
            latencies[n / 2] / 1e6,
            latencies[(int) (n * 0.99)] / 1e6,
            reader == null ? 0 : (caughtUpAt[0] - appended) / 1e6
        };
    }

    static double median(List<double[]> rounds, int field) {
        double[] v = rounds.stream().mapToDouble(r -> r[field]).sorted().toArray();
        return v[v.length / 2];
    }

    static void sleep(Duration d) {
        try {
            Thread.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
