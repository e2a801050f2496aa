// Compliance report benchmark (docs/benchmarks/compliance.md), run by bench/compliance-report.sh:
// not part of ./mvnw -B verify.
//
// On one throw-away PostgreSQL database, in the server's own process (HTTPS and hub listeners on
// free ports, so the TLS self-scan probes real listeners):
//  1. seeds PATIENTS patients (every PHI column a ciphertext-shaped envelope, so the encryption scan
//     reads each value) and VISITS visits with SQL, and ENTRIES audit entries through the real
//     AuditTrail (group commit, Merkle tree, signed checkpoints), from many callers;
//  2. computes the whole report RUNS times afresh (every evidence source) and prints each time;
//  3. asks for it again through the cache and prints the age it is marked with.
import health.securevisit.SecureVisit;
import health.securevisit.audit.AuditEvent;
import health.securevisit.audit.AuditTrail;
import health.securevisit.audit.Outcome;
import health.securevisit.audit.PurposeOfUse;
import health.securevisit.compliance.internal.ComplianceReport;
import health.securevisit.compliance.internal.ComplianceReports;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

public class ComplianceBench {

    public static void main(String[] args) throws Exception {
        String url = args[0];
        int patients = Integer.parseInt(args[1]);
        int visits = Integer.parseInt(args[2]);
        long entries = Long.parseLong(args[3]);
        int runs = Integer.parseInt(args[4]);
        Path work = Files.createTempDirectory("compliance-bench-");
        ConfigurableApplicationContext ctx = new SpringApplicationBuilder(SecureVisit.class)
                .run("--securevisit.data-dir=" + work.resolve("data"), "--securevisit.db.url=" + url,
                        "--securevisit.db.user=postgres", "--securevisit.log-format=text", "--logging.level.root=WARN",
                        "--securevisit.port=0", "--securevisit.hub.port=0", "--securevisit.audit.verify-interval=24h");
        JdbcClient jdbc = ctx.getBean(JdbcClient.class);
        long t0 = System.nanoTime();
        jdbc.sql("CREATE EXTENSION IF NOT EXISTS pgcrypto").update();
        jdbc.sql("""
                INSERT INTO patient (id, mrn_enc, full_name_enc, date_of_birth_enc, address_enc, phone_enc, email_enc,
                                     insurance_id_enc, mrn_index, dob_index, created_at, updated_at)
                SELECT gen_random_uuid(), '\\x01'::bytea || gen_random_bytes(48), '\\x01'::bytea || gen_random_bytes(56),
                       '\\x01'::bytea || gen_random_bytes(42), '\\x01'::bytea || gen_random_bytes(80),
                       '\\x01'::bytea || gen_random_bytes(44), '\\x01'::bytea || gen_random_bytes(60),
                       '\\x01'::bytea || gen_random_bytes(48), gen_random_bytes(32), gen_random_bytes(32), now(), now()
                FROM generate_series(1, ?)""").param(patients).update();
        jdbc.sql("""
                INSERT INTO visit (id, patient_id, start_at, end_at, duration_minutes, modality, status,
                                   failed_verifications, flagged_for_review, created_by, created_at, updated_at, version)
                SELECT gen_random_uuid(), p.id, now() - make_interval(hours => g), now() - make_interval(hours => g)
                       + interval '30 minutes', 30, 'VIDEO', 'ENDED', 0, false, gen_random_uuid(), now(), now(), 0
                FROM generate_series(1, ?) g
                JOIN (SELECT id, row_number() OVER () - 1 AS n FROM patient) p ON p.n = g % ?""")
                .params(visits, patients).update();
        System.out.printf("seeded %d patients and %d visits with SQL in %.1f s%n", patients, visits, (System.nanoTime() - t0) / 1e9);

        AuditTrail trail = ctx.getBean(AuditTrail.class);
        AtomicLong next = new AtomicLong();
        long t1 = System.nanoTime();
        try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int c = 0; c < 1024; c++) {
                pool.submit(() -> {
                    long i;
                    while ((i = next.getAndIncrement()) < entries) {
                        trail.record(AuditEvent.builder("chart.read", Outcome.SUCCESS, PurposeOfUse.TREATMENT)
                                .actor("user-" + (i % 500), "CLINICIAN")
                                .resource("chart", "c-" + (i % patients))
                                .patient("p-" + (i % patients))
                                .visit("v-" + (i % visits))
                                .build());
                    }
                    return null;
                });
            }
        }
        double seconds = (System.nanoTime() - t1) / 1e9;
        System.out.printf("recorded %d audit entries through the trail in %.1f s (%.0f/s)%n", entries, seconds, entries / seconds);
        Thread.sleep(1500); // the checkpointer signs the last entries

        ComplianceReports reports = ctx.getBean(ComplianceReports.class);
        long[] millis = new long[runs];
        ComplianceReport last = null;
        for (int r = 0; r < runs; r++) {
            long s = System.nanoTime();
            last = reports.current(true).report();
            millis[r] = (System.nanoTime() - s) / 1_000_000;
            System.out.printf("run %d: whole report computed in %d ms (%d controls: %s; source errors %s)%n",
                    r + 1, millis[r], last.controls().size(), last.summary(), last.sourceErrors());
        }
        last.checks().forEach(e -> System.out.printf("  %-34s %-11s %s%n", e.check(), e.status(), e.summary()));
        Thread.sleep(1200);
        var cached = reports.current(false);
        System.out.printf("cached answer: cached=%s, age %d s (computed %s)%n",
                cached.cached(), cached.report().age(java.time.Instant.now()).toSeconds(), cached.report().computedAt());
        Arrays.sort(millis);
        System.out.printf("median %d ms over %d runs (goal < 10,000 ms); load average %s%n",
                millis[runs / 2], runs, Files.readString(Path.of("/proc/loadavg")).trim());
        ctx.close();
        System.exit(0);
    }
}
