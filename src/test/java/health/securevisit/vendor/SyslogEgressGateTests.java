package health.securevisit.vendor;

import static health.securevisit.support.Workforce.expect;
import static health.securevisit.support.Workforce.json;
import static org.assertj.core.api.Assertions.assertThat;

import health.securevisit.support.PostgresDatabase;
import health.securevisit.support.Rsyslog;
import health.securevisit.support.RunningServer;
import health.securevisit.support.TestCa;
import health.securevisit.support.Workforce;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The egress gate on the real audit export: a server on PostgreSQL exporting its trail to a real
 * rsyslogd over TLS, its syslog integration naming vendor {@code acme-siem}. Expiring the vendor's
 * BAA stops the export (one {@code egress.refused} record however many polls, a security alert, the
 * console shows it, a vendor-breach risk scenario opens); renewing it resumes the export and every entry held back arrives.
 */
public class SyslogEgressGateTests {

    static final Pattern SEQ = Pattern.compile("seq=\"(\\d+)\"");

    @TempDir
    Path dir;

    PostgresDatabase db;
    Rsyslog rsyslog;
    RunningServer server;

    @AfterEach
    void stop() throws Exception {
        if (server != null) {
            server.close();
        }
        if (rsyslog != null) {
            rsyslog.stop();
        }
        if (db != null) {
            db.drop();
        }
    }

    @Test
    void anExpiredBaaStopsTheSyslogExportAndRenewalCatchesUpWithEveryEntry() throws Exception {
        db = PostgresDatabase.create();
        UUID vendorId = seedVendor(db, "acme-siem");
        TestCa ca = TestCa.create(dir.resolve("ca"));
        rsyslog = new Rsyslog(dir.resolve("rsyslog"), ca.caPem(), ca.certPem(), ca.keyPem()).start();
        server = RunningServer.start(Map.of(
                "db.url", db.url(),
                "db.user", db.user(),
                "audit.syslog.host", "localhost",
                "audit.syslog.port", Integer.toString(rsyslog.port()),
                "audit.syslog.ca-file", ca.caPem().toString(),
                "audit.export.poll", "50ms",
                "egress.vendor.syslog", "acme-siem"));
        Workforce officer = Workforce.on(server)
                .signIn(Workforce.newAccount(server, Workforce.unique("officer"), "SECURITY_OFFICER"));

        expect(officer.get("/api/v1/vendors"), 200);
        long before = maxSeq();
        await("rsyslog has every entry so far", () -> received().containsAll(range(0, before + 1)));

        // The BAA lapses: the officer records its real expiry (yesterday).
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        expect(officer.put("/api/v1/vendors/" + vendorId, vendor(today.minusYears(1), today.minusDays(1))), 200);
        await("the refusal is recorded", () -> count("egress.refused") == 1);
        long refusedAt = seqOf("egress.refused");
        for (int i = 0; i < 20; i++) {
            expect(officer.get("/api/v1/vendors"), 200); // audited events that must wait
        }
        long held = maxSeq();
        Thread.sleep(1500); // many export polls, all refused
        assertThat(count("egress.refused"))
                .as("one record per change, not per poll")
                .isEqualTo(1);
        assertThat(received()).as("nothing from the refusal on was sent").noneMatch(s -> s >= refusedAt);
        await("a security alert is raised", () -> alerts("egress-refused") == 1);
        await(
                "a risk scenario opened itself",
                () -> officer.get("/api/v1/risk/scenarios").body().contains("auto:baa-lapsed"));
        var egress = json(expect(officer.get("/api/v1/egress"), 200))
                .path("integrations")
                .get(0);
        assertThat(egress.path("integration").asString()).isEqualTo("syslog");
        assertThat(egress.path("vendorStatus").asString()).isEqualTo("expired");
        assertThat(egress.path("permitted").asBoolean()).isFalse();
        assertThat(expect(officer.get("/console/vendors"), 200).body()).contains("held back");
        assertThat(json(expect(officer.get("/api/v1/vendors?status=expired"), 200))
                        .path("vendors")
                        .size())
                .isEqualTo(1);

        // Renewed: the export resumes from its cursor and catches up with every entry.
        expect(officer.put("/api/v1/vendors/" + vendorId, vendor(today.minusDays(1), today.plusYears(2))), 200);
        await("the export resumed", () -> count("egress.resumed") == 1);
        long after = maxSeq();
        assertThat(after).isGreaterThan(held);
        await("rsyslog caught up with every entry", () -> received().containsAll(range(0, after + 1)));
        assertThat(count("egress.refused")).isEqualTo(1);
    }

    public static String vendor(LocalDate effective, LocalDate expires) {
        return Workforce.body(
                "name", "Acme SIEM",
                "services", "Managed SIEM receiving the audit export",
                "phiCategories", java.util.List.of("AUDIT_IDENTIFIERS"),
                "owner", "Security office",
                "baa",
                        Map.of(
                                "effective",
                                effective.toString(),
                                "expires",
                                expires.toString(),
                                "breachNoticeDays",
                                10,
                                "flowDown",
                                true,
                                "returnOrDestroy",
                                "Destroy within 30 days of termination"));
    }

    /** A vendor already in the register (with a BAA on file) before the server starts. */
    public static UUID seedVendor(PostgresDatabase db, String key) throws Exception {
        Flyway.configure()
                .dataSource(db.url(), db.user(), "")
                .locations("classpath:db/migration", "classpath:db/vendor/postgresql")
                .load()
                .migrate();
        UUID id = UUID.randomUUID();
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        try (Connection c = db.connect();
                PreparedStatement ps =
                        c.prepareStatement("INSERT INTO vendor (id, vendor_key, name, name_key, services,"
                                + " phi_categories, owner, baa_effective, baa_expires, breach_notice_days, flow_down,"
                                + " baa_object_id, baa_sha256, baa_size, verified_on, created_at, updated_at)"
                                + " VALUES (?, ?, 'Acme SIEM', 'acme siem', 'SIEM', 'AUDIT_IDENTIFIERS', 'Security office',"
                                + " ?, ?, 10, TRUE, 'seeded', 'seeded', 1, ?, now(), now())")) {
            ps.setObject(1, id);
            ps.setString(2, key);
            ps.setObject(3, today.minusDays(10));
            ps.setObject(4, today.plusYears(1));
            ps.setObject(5, today);
            ps.executeUpdate();
        }
        return id;
    }

    long maxSeq() throws Exception {
        return query("SELECT max(seq) FROM audit_entry", null);
    }

    long count(String action) throws Exception {
        return query("SELECT count(*) FROM audit_entry WHERE action = ?", action);
    }

    long seqOf(String action) throws Exception {
        return query("SELECT min(seq) FROM audit_entry WHERE action = ?", action);
    }

    long alerts(String kind) throws Exception {
        return query("SELECT count(*) FROM security_alert WHERE kind = ?", kind);
    }

    long query(String sql, String arg) throws Exception {
        try (Connection c = db.connect();
                PreparedStatement ps = c.prepareStatement(sql)) {
            if (arg != null) {
                ps.setString(1, arg);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    Set<Long> received() {
        Set<Long> seqs = new TreeSet<>();
        try {
            for (String line : rsyslog.lines()) {
                Matcher m = SEQ.matcher(line);
                if (m.find()) {
                    seqs.add(Long.parseLong(m.group(1)));
                }
            }
        } catch (java.io.IOException e) {
            return Set.of();
        }
        return seqs;
    }

    static Set<Long> range(long from, long to) {
        Set<Long> out = new TreeSet<>();
        for (long i = from; i < to; i++) {
            out.add(i);
        }
        return out;
    }

    interface Check {
        boolean get() throws Exception;
    }

    static void await(String what, Check condition) throws InterruptedException {
        BooleanSupplier safe = () -> {
            try {
                return condition.get();
            } catch (Exception e) {
                return false;
            }
        };
        for (int i = 0; i < 400; i++) {
            if (safe.getAsBoolean()) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("timed out waiting until " + what);
    }
}
