package health.securevisit.audit.internal;

import static org.assertj.core.api.Assertions.assertThat;

import health.securevisit.support.Rsyslog;
import health.securevisit.support.TestCa;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Exports from the outbox to a real rsyslogd over TLS (RFC 5425), to JSON lines and to FHIR NDJSON:
 * nothing is lost while the collector is down, delivery resumes when it returns, and a collector
 * whose certificate is not from the configured CA gets nothing.
 */
class ExportTests {

    static final Pattern SEQ = Pattern.compile("seq=\"(\\d+)\"");

    @TempDir
    Path dir;

    TrailFixture trail;
    Exporter exporter;
    Rsyslog rsyslog;

    @AfterEach
    void stop() throws Exception {
        if (exporter != null) {
            exporter.stop();
        }
        if (rsyslog != null) {
            rsyslog.stop();
        }
        if (trail != null) {
            trail.close();
        }
    }

    Exporter exporter(Path caFile, int port) {
        return exporter(new SyslogSettings("localhost", port, caFile, "sv-test", Duration.ofSeconds(2)));
    }

    Exporter exporter(SyslogSettings syslog) {
        AuditSettings s = TrailFixture.settings(
                dir.resolve("pub"),
                new ExportSettings(
                        true, true, 500, Duration.ofMillis(50), Duration.ofMillis(200), Duration.ofMillis(20)),
                syslog);
        Exporter e = new Exporter(
                new ExportCursors(trail.dataSource, TrailFixture.CLOCK),
                s.export(),
                Exporter.sinks(s, dir.resolve("pub")));
        e.start();
        return e;
    }

    ExportCursors.Cursor cursor(String sink) throws Exception {
        return new ExportCursors(trail.dataSource, TrailFixture.CLOCK).get(sink);
    }

    Set<Long> received() throws Exception {
        Set<Long> seqs = new TreeSet<>();
        for (String line : rsyslog.lines()) {
            Matcher m = SEQ.matcher(line);
            if (m.find()) {
                seqs.add(Long.parseLong(m.group(1)));
            }
        }
        return seqs;
    }

    static void await(String what, BooleanSupplier condition) throws InterruptedException {
        for (int i = 0; i < 300; i++) {
            if (condition.getAsBoolean()) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("timed out waiting until " + what);
    }

    static Set<Long> range(long from, long to) {
        return new TreeSet<>(LongStream.range(from, to).boxed().toList());
    }

    @Test
    void nothingIsLostWhileTheCollectorIsDown() throws Exception {
        TestCa ca = TestCa.create(dir.resolve("ca"));
        rsyslog = new Rsyslog(dir.resolve("rsyslog"), ca.caPem(), ca.certPem(), ca.keyPem()).start();
        trail = TrailFixture.h2(dir.resolve("data"));
        exporter = exporter(ca.caPem(), rsyslog.port());

        trail.recordRange(0, 5);
        await("rsyslog has entries 0..4", () -> unchecked(() -> received().containsAll(range(0, 5))));

        rsyslog.stop();
        trail.recordRange(5, 10);
        await("the syslog sink failed", () -> unchecked(() -> cursor("syslog").failures() >= 2));
        assertThat(cursor("syslog").nextSeq()).isEqualTo(5);
        assertThat(cursor("syslog").lastError()).isNotBlank();
        await("the file sinks went on", () -> unchecked(() -> cursor("jsonl").nextSeq() == 10));

        rsyslog.start();
        await("rsyslog has entries 0..9", () -> unchecked(() -> received().containsAll(range(0, 10))));
        await("the cursor moved", () -> unchecked(() -> cursor("syslog").nextSeq() == 10));
        assertThat(cursor("syslog").failures()).isZero();

        String line = rsyslog.lines().stream()
                .filter(l -> l.contains("seq=\"4\""))
                .findFirst()
                .orElseThrow();
        String[] fields = line.split("\\|", 6);
        assertThat(fields[0]).isEqualTo("108"); // log audit (13) * 8 + warning (4): entry 4 was denied
        assertThat(fields[1]).isEqualTo("securevisit");
        assertThat(fields[3]).isEqualTo("chart.read");
        assertThat(fields[4]).startsWith("[audit@32473 seq=\"4\" outcome=\"DENIED\" purpose=\"TREAT\" leaf=\"");
        JsonNode msg = JsonMapper.builder().build().readTree(fields[5]);
        assertThat(msg.get("seq").asLong()).isEqualTo(4);
        assertThat(msg.get("patientId").asString()).isEqualTo("p-4");
    }

    @Test
    void fileSinksWriteEveryEntryOnceAsJsonLinesAndFhir() throws Exception {
        trail = TrailFixture.h2(dir.resolve("data"));
        exporter = exporter(new SyslogSettings(null, 6514, null, null, Duration.ofSeconds(2)));
        trail.recordRange(0, 7);
        await(
                "both file sinks delivered",
                () -> unchecked(
                        () -> cursor("jsonl").nextSeq() == 7 && cursor("fhir").nextSeq() == 7));
        List<String> jsonl = Files.readAllLines(dir.resolve("pub/export/events.jsonl"), StandardCharsets.UTF_8);
        JsonMapper json = JsonMapper.builder().build();
        assertThat(jsonl).hasSize(7);
        assertThat(jsonl.stream().map(l -> json.readTree(l).get("seq").asLong()))
                .containsExactly(0L, 1L, 2L, 3L, 4L, 5L, 6L);
        List<String> fhir = Files.readAllLines(dir.resolve("pub/export/auditevents.ndjson"), StandardCharsets.UTF_8);
        assertThat(fhir).hasSize(7);
        assertThat(json.readTree(fhir.get(3)).get("resourceType").asString()).isEqualTo("AuditEvent");
        assertThat(json.readTree(fhir.get(3)).get("id").asString()).isEqualTo("sv-audit-3");
    }

    @Test
    void aCollectorWithACertificateFromAnotherCaGetsNothing() throws Exception {
        TestCa ca = TestCa.create(dir.resolve("ca"));
        TestCa other = TestCa.create(dir.resolve("other-ca"));
        rsyslog = new Rsyslog(dir.resolve("rsyslog"), ca.caPem(), ca.certPem(), ca.keyPem()).start();
        trail = TrailFixture.h2(dir.resolve("data"));
        exporter = exporter(other.caPem(), rsyslog.port());
        trail.recordRange(0, 3);
        await(
                "the syslog sink refused the certificate",
                () -> unchecked(() -> cursor("syslog").failures() >= 2));
        assertThat(cursor("syslog").lastError()).contains("SSLHandshakeException");
        assertThat(cursor("syslog").nextSeq()).isZero();
        assertThat(rsyslog.lines()).isEmpty();
    }

    interface Check {
        boolean get() throws Exception;
    }

    static boolean unchecked(Check c) {
        try {
            return c.get();
        } catch (Exception e) {
            return false;
        }
    }
}
