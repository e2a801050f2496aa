package health.securevisit.audit.internal;

import health.securevisit.platform.Egress;
import health.securevisit.platform.EgressGate;
import health.securevisit.platform.EgressSettings;
import health.securevisit.platform.VendorAgreements;
import health.securevisit.support.Rsyslog;
import health.securevisit.support.TestCa;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.transaction.support.TransactionOperations;

/**
 * Cost of the egress gate on the real syslog export path (docs/benchmarks/vendors.md): a trail of N
 * entries (H2) exported from cursor 0 to a real rsyslogd over TLS, once without the gate and once
 * with it (vendor's BAA current), alternating, in the same run. Checks its own work: the cursor
 * reaches N each time. Prints events/s per round,
 * the medians and their ratio, and the median of the per-round ratios (each round runs the two modes
 * back to back, so a load change between rounds moves both), which is the figure compared with the goal.
 */
public final class EgressGateBench {

    public static void main(String[] args) throws Exception {
        int events = args.length > 0 ? Integer.parseInt(args[0]) : 50_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        Path dir = Files.createTempDirectory("egress-bench-");
        TestCa ca = TestCa.create(dir.resolve("ca"));
        Rsyslog rsyslog = new Rsyslog(dir.resolve("rsyslog"), ca.caPem(), ca.certPem(), ca.keyPem()).start();
        try (TrailFixture trail = TrailFixture.h2(dir.resolve("data"))) {
            trail.recordRange(0, events);
            while (stored(trail) < events) {
                Thread.sleep(50);
            }
            SyslogSettings syslog = new SyslogSettings("localhost", rsyslog.port(), ca.caPem(), "bench", Duration.ofSeconds(5));
            AuditSettings settings = TrailFixture.settings(
                    dir.resolve("pub"),
                    new ExportSettings(false, false, 500, Duration.ofMillis(50), Duration.ofMillis(200), Duration.ofMillis(5)),
                    syslog);
            StaticListableBeanFactory beans = new StaticListableBeanFactory();
            beans.addBean("agreements", (VendorAgreements) () -> Map.of("siem", VendorAgreements.Standing.CURRENT));
            EgressGate gate = new EgressGate(
                    new EgressSettings(Map.of("syslog", "siem"), Duration.ofSeconds(5)),
                    beans.getBeanProvider(VendorAgreements.class),
                    e -> {},
                    TransactionOperations.withoutTransaction(),
                    Clock.systemUTC());
            Egress egress = gate.register(Exporter.syslogEgress(syslog));
            gate.start();
            List<Double> without = new ArrayList<>();
            List<Double> with = new ArrayList<>();
            List<Double> paired = new ArrayList<>();
            for (int round = 0; round < rounds + 1; round++) {
                double[] rates = new double[2]; // [no gate, gate]
                for (boolean gated : new boolean[] {round % 2 == 0, round % 2 != 0}) {
                    double rate = run(trail, settings, events, gated ? gate : null, egress);
                    rates[gated ? 1 : 0] = rate;
                    if (round > 0) { // the first round warms the JIT up
                        (gated ? with : without).add(rate);
                        System.out.printf("round %d %-8s %,10.0f events/s%n", round, gated ? "gate" : "no gate", rate);
                    }
                }
                if (round > 0) {
                    paired.add(rates[1] / rates[0]);
                }
            }
            double a = median(without);
            double b = median(with);
            double p = median(paired);
            System.out.printf("median no gate %,.0f events/s, gate %,.0f events/s, ratio of medians %.3f%n", a, b, b / a);
            System.out.printf("median of the per-round ratios (gate / no gate, back to back) %.3f (goal >= 0.95): %s%n",
                    p, p >= 0.95 ? "met" : "NOT met");
        } finally {
            rsyslog.stop();
        }
    }

    static double run(TrailFixture trail, AuditSettings settings, int events, EgressGate gate, Egress egress)
            throws Exception {
        try (Connection c = trail.dataSource.getConnection();
                Statement s = c.createStatement()) {
            s.executeUpdate("DELETE FROM audit_export_cursor WHERE sink = 'syslog'");
        }
        ExportCursors cursors = new ExportCursors(trail.dataSource, TrailFixture.CLOCK);
        cursors.get("syslog"); // create the cursor row here, not racing the exporter's first read
        Exporter exporter = new Exporter(
                cursors,
                settings.export(),
                Exporter.sinks(settings, settings.publishDir(trail.dataDir)),
                gate,
                gate == null ? Map.of() : Map.of("syslog", egress));
        long start = System.nanoTime();
        exporter.start();
        try {
            while (cursors.get("syslog").nextSeq() < events) {
                Thread.sleep(2);
            }
        } finally {
            exporter.stop();
        }
        return events / ((System.nanoTime() - start) / 1e9);
    }

    static long stored(TrailFixture trail) throws Exception {
        try (Connection c = trail.dataSource.getConnection();
                Statement s = c.createStatement();
                var rs = s.executeQuery("SELECT count(*) FROM audit_entry")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }
}
