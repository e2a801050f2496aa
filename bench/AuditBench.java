// Audit trail benchmark (issue 4), run by bench/audit.sh: not part of ./mvnw -B verify.
//
// In one run, on one throw-away PostgreSQL database:
//  (1. and 2. in R rounds, default 3; the median round by ratio is the figure)
//  1. append throughput through the real AuditTrail (group commit, hashing, tree nodes, head, and
//     the checkpointer signing every 500 ms), with many concurrent callers;
//  2. the baseline: a plain batched INSERT of the same rows (same table shape and indexes, no
//     hashing, no tree, no head, no checkpoints), one thread, batches of the largest group commit;
//     and, for reference, the same rows written the way the writer writes them on PostgreSQL (one
//     binary COPY per batch), also without hashing, tree, head or checkpoints;
//  3. time from record() to inclusion in a signed checkpoint (p50/p99/max), at a moderate rate and
//     at full load;
//  4. `audit verify` over the whole trail, and sha256sum over the same canonical bytes.
import health.securevisit.SecureVisit;
import health.securevisit.audit.AuditEvent;
import health.securevisit.audit.AuditRecord;
import health.securevisit.audit.AuditTrail;
import health.securevisit.audit.Outcome;
import health.securevisit.audit.PurposeOfUse;
import health.securevisit.audit.internal.StoredEntry;
import health.securevisit.audit.internal.VerifyCommand;
import health.securevisit.keys.CheckpointSigner;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

public class AuditBench {

    record Sample(long startNanos, long seq) {}

    static AuditEvent event(long i) {
        return AuditEvent.builder("chart.read", i % 50 == 0 ? Outcome.DENIED : Outcome.SUCCESS, PurposeOfUse.TREATMENT)
                .actor("user-" + (i % 500), "CLINICIAN")
                .session("sref-" + (i % 2000), "webauthn")
                .resource("chart", "c-" + (i % 100_000))
                .patient("p-" + (i % 100_000))
                .visit("v-" + (i % 20_000))
                .source("10.1." + (i % 200) + "." + (i % 250), "dev-" + (i % 3000))
                .request("req-" + Long.toHexString(i * 2654435761L))
                .build();
    }

    public static void main(String[] args) throws Exception {
        String url = args[0];
        String user = args[1];
        int events = Integer.parseInt(args[2]);
        int callers = Integer.parseInt(args[3]);
        int rounds = args.length > 4 ? Integer.parseInt(args[4]) : 3;
        Path work = Files.createTempDirectory("audit-bench-");
        PrintStream quiet = System.out;
        ConfigurableApplicationContext ctx = new SpringApplicationBuilder(SecureVisit.class)
                .run("--securevisit.data-dir=" + work.resolve("data"), "--securevisit.db.url=" + url,
                        "--securevisit.db.user=" + user, "--securevisit.log-format=text",
                        "--logging.level.root=WARN", "--server.port=0", "--securevisit.audit.verify-interval=24h");
        AuditTrail trail = ctx.getBean(AuditTrail.class);
        DataSource ds = ctx.getBean(DataSource.class);
        quiet.printf("machine: %d cores, %s, load average before: %s%n", Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"), Files.readString(Path.of("/proc/loadavg")).trim());

        run(trail, 20_000, callers, null); // warm-up (JIT, pool, PostgreSQL caches)

        // 1. and 2., in rounds (the machine is shared: a round keeps each append and its baselines a
        // few seconds apart, and the median of the rounds' ratios is the figure).
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            for (String table : List.of("bench_plain", "bench_copy")) {
                s.execute("CREATE TABLE " + table + " (LIKE audit_entry INCLUDING DEFAULTS INCLUDING CONSTRAINTS"
                        + " INCLUDING INDEXES)");
            }
        }
        int batch = callers; // the most one group commit can hold with this many callers
        List<double[]> results = new ArrayList<>();
        for (int round = 1; round <= rounds; round++) {
            String loadBefore = Files.readString(Path.of("/proc/loadavg")).trim();
            // 1. Audit append throughput.
            double auditSeconds = run(trail, events, callers, null) / 1e9;
            // 2. Baseline: plain batched INSERT of the same rows into a table of the same shape;
            //    reference: binary COPY of the same rows (as the writer writes them) into another one.
            List<StoredEntry> rows = new ArrayList<>(events);
            try (Connection c = ds.getConnection(); Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("SELECT " + StoredEntry.COLUMNS
                            + " FROM audit_entry ORDER BY seq DESC LIMIT " + events)) {
                while (rs.next()) {
                    rows.add(StoredEntry.read(rs));
                }
            }
            java.util.Collections.reverse(rows);
            double plainSeconds = write(ds, rows, batch, false);
            double copySeconds = write(ds, rows, batch, true);
            double[] r = {events / auditSeconds, events / plainSeconds, events / copySeconds};
            results.add(r);
            quiet.printf("round %d: append %.0f events/s, baseline INSERT %.0f rows/s, ratio %.2f;"
                    + " reference COPY %.0f rows/s, ratio %.2f (load average before: %s)%n", round, r[0], r[1],
                    r[0] / r[1], r[2], r[0] / r[2], loadBefore);
        }
        results.sort(java.util.Comparator.comparingDouble(r -> r[0] / r[1]));
        double[] median = results.get(results.size() / 2);
        double auditRate = median[0];
        double plainRate = median[1];
        double copyRate = median[2];

        // 3. record() -> signed checkpoint latency, at full load and at a moderate rate.
        String full = latency(trail, ds, events / 2, callers, 0);
        String moderate = latency(trail, ds, 20_000, 64, 2_000);

        // 4. audit verify and sha256sum over the same canonical bytes.
        Thread.sleep(1200); // let the last checkpoint be signed
        Path key = Files.writeString(work.resolve("key.pem"), ctx.getBean(CheckpointSigner.class).publicKeyPem());
        ByteArrayOutputStream verifyOut = new ByteArrayOutputStream();
        long t3 = System.nanoTime();
        int exit = VerifyCommand.run(List.of("--full", "--securevisit.data-dir=" + work.resolve("verify"),
                        "--securevisit.db.url=" + url, "--securevisit.db.user=" + user, "--public-key", key.toString()),
                new PrintStream(verifyOut), System.err);
        double verifySeconds = (System.nanoTime() - t3) / 1e9;
        Path canonical = work.resolve("canonical.bin");
        long bytes = 0;
        try (Connection c = ds.getConnection(); OutputStream out = Files.newOutputStream(canonical)) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement("SELECT " + StoredEntry.COLUMNS + " FROM audit_entry ORDER BY seq")) {
                ps.setFetchSize(10_000);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        byte[] b = StoredEntry.read(rs).canonical();
                        out.write(b);
                        bytes += b.length;
                    }
                }
            }
        }
        long t4 = System.nanoTime();
        Process sha = new ProcessBuilder("sha256sum", canonical.toString()).inheritIO().redirectOutput(
                ProcessBuilder.Redirect.DISCARD).start();
        sha.waitFor();
        double shaSeconds = (System.nanoTime() - t4) / 1e9;

        quiet.printf("median round of %d (by ratio), %d events each:%n", rounds, events);
        quiet.printf("append: %d concurrent callers, %.0f events/s%n", callers, auditRate);
        quiet.printf("baseline plain batched INSERT, same statements (batches of %d, no hashing/tree/head/checkpoints): %.0f"
                + " rows/s%n", batch, plainRate);
        quiet.printf("ratio audit/baseline: %.2f%n", auditRate / plainRate);
        quiet.printf("reference: binary COPY of the same rows (batches of %d, no hashing/tree/head/checkpoints): %.0f"
                + " rows/s; ratio audit/COPY: %.2f%n", batch, copyRate, auditRate / copyRate);
        quiet.printf("record -> signed checkpoint, full load: %s%n", full);
        quiet.printf("record -> signed checkpoint, 2,000 events/s: %s%n", moderate);
        quiet.printf("audit verify (exit %d): %.2f s%n%s", exit, verifySeconds, verifyOut);
        quiet.printf("sha256sum over the same %d canonical bytes: %.2f s (%.1f MB/s)%n", bytes, shaSeconds,
                bytes / shaSeconds / 1e6);
        quiet.printf("load average after: %s%n", Files.readString(Path.of("/proc/loadavg")).trim());
        ctx.close();
    }

    /** Writes the rows into bench_plain (multi-row INSERT) or bench_copy (binary COPY); returns seconds. */
    static double write(DataSource ds, List<StoredEntry> rows, int batch, boolean copy) throws Exception {
        long t = System.nanoTime();
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            for (int from = 0; from < rows.size(); from += batch) {
                List<StoredEntry> part = rows.subList(from, Math.min(rows.size(), from + batch));
                if (copy) {
                    StoredEntry.copyAll(c, "bench_copy", part);
                } else {
                    StoredEntry.insertAll(c, "bench_plain", part);
                }
                c.commit();
            }
        }
        return (System.nanoTime() - t) / 1e9;
    }

    /**
     * Records {@code n} events (built beforehand, as the baseline's rows are) from {@code callers}
     * virtual threads; if samples != null, keeps timings.
     */
    static long run(AuditTrail trail, int n, int callers, ConcurrentLinkedQueue<Sample> samples) throws Exception {
        AuditEvent[] built = new AuditEvent[n];
        for (int i = 0; i < n; i++) {
            built[i] = event(i);
        }
        AtomicLong next = new AtomicLong();
        long began = System.nanoTime();
        try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int t = 0; t < callers; t++) {
                pool.submit(() -> {
                    for (long i; (i = next.getAndIncrement()) < n; ) {
                        long start = System.nanoTime();
                        AuditRecord r = trail.record(built[(int) i]);
                        if (samples != null) {
                            samples.add(new Sample(start, r.sequence()));
                        }
                    }
                    return null;
                });
            }
        }
        return System.nanoTime() - began;
    }

    static String latency(AuditTrail trail, DataSource ds, int n, int callers, int ratePerSecond) throws Exception {
        ConcurrentLinkedQueue<Sample> samples = new ConcurrentLinkedQueue<>();
        long wallStartNanos = System.nanoTime();
        Instant wallStart = Instant.now();
        if (ratePerSecond <= 0) {
            run(trail, n, callers, samples);
        } else {
            long per = 1_000_000_000L / ratePerSecond;
            AtomicLong next = new AtomicLong();
            try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
                for (long i = 0; i < n; i++) {
                    long due = wallStartNanos + i * per;
                    while (System.nanoTime() < due) {
                        Thread.onSpinWait();
                    }
                    long id = next.getAndIncrement();
                    pool.submit(() -> {
                        long start = System.nanoTime();
                        samples.add(new Sample(start, trail.record(event(id)).sequence()));
                        return null;
                    });
                }
            }
        }
        Thread.sleep(1500);
        TreeMap<Long, Instant> signed = new TreeMap<>();
        try (Connection c = ds.getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT tree_size, signed_at FROM audit_checkpoint")) {
            while (rs.next()) {
                signed.put(rs.getLong(1), rs.getObject(2, OffsetDateTime.class).toInstant());
            }
        }
        long[] ms = samples.stream().mapToLong(sm -> {
            Instant start = wallStart.plusNanos(sm.startNanos() - wallStartNanos);
            Instant at = signed.higherEntry(sm.seq()).getValue();
            return java.time.Duration.between(start, at).toMillis();
        }).sorted().toArray();
        return String.format("%d events, p50 %d ms, p99 %d ms, max %d ms", ms.length, ms[ms.length / 2],
                ms[(int) (ms.length * 0.99)], ms[ms.length - 1]);
    }
}
