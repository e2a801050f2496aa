package health.securevisit.audit.internal;

import health.securevisit.network.TlsPolicy;
import health.securevisit.platform.Egress;
import health.securevisit.platform.EgressDeclaration;
import health.securevisit.platform.EgressGate;
import health.securevisit.platform.PlatformSettings;
import health.securevisit.platform.Transport;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Feeds each enabled sink from its cursor, on its own thread: read the next entries, deliver them,
 * move the cursor; after a failure wait (doubling from {@code minBackoff} to {@code maxBackoff}) and
 * retry from the cursor. Errors are logged by kind only, never with entry contents. A sink that
 * leaves this server (syslog) is registered with the platform's {@link EgressGate} and asks it before
 * every batch: while its vendor's BAA is not current nothing is read or sent, and the cursor waits.
 */
@Component
class Exporter implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(Exporter.class);

    private final ExportCursors cursors;
    private final ExportSettings settings;
    private final List<ExportSink> sinks;
    private final @Nullable EgressGate gate;
    private final Map<String, Egress> egress;
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean running;

    @Autowired
    Exporter(ExportCursors cursors, AuditSettings settings, PlatformSettings platform, EgressGate gate) {
        this(
                cursors,
                settings.export(),
                sinks(settings, settings.publishDir(platform.dataDir())),
                gate,
                settings.syslog().enabled()
                        ? Map.of(SYSLOG, gate.register(syslogEgress(settings.syslog())))
                        : Map.of());
    }

    Exporter(ExportCursors cursors, ExportSettings settings, List<ExportSink> sinks) {
        this(cursors, settings, sinks, null, Map.of());
    }

    Exporter(
            ExportCursors cursors,
            ExportSettings settings,
            List<ExportSink> sinks,
            @Nullable EgressGate gate,
            Map<String, Egress> egress) {
        this.cursors = cursors;
        this.settings = settings;
        this.sinks = sinks;
        this.gate = gate;
        this.egress = egress;
    }

    static final String SYSLOG = "syslog";

    /** What the syslog sink tells the egress gate (and through it the data-flow map). */
    static EgressDeclaration syslogEgress(SyslogSettings syslog) {
        return new EgressDeclaration(
                SYSLOG,
                "audit export to syslog over TLS",
                "audit records (identifiers, no PHI values)",
                syslog.host() + ":" + syslog.port(),
                Transport.tls(String.join(", ", TlsPolicy.PROTOCOLS)));
    }

    static List<ExportSink> sinks(AuditSettings settings, Path publishDir) {
        List<ExportSink> sinks = new ArrayList<>();
        Path dir = publishDir.resolve("export");
        if (settings.export().jsonLines()) {
            sinks.add(new FileSink("jsonl", dir.resolve("events.jsonl"), EntryView::jsonLine));
        }
        if (settings.export().fhir()) {
            sinks.add(new FileSink("fhir", dir.resolve("auditevents.ndjson"), FhirAuditEvents::json));
        }
        if (settings.syslog().enabled()) {
            String host =
                    settings.syslog().hostname() != null ? settings.syslog().hostname() : localHostName();
            sinks.add(new SyslogSink(
                    settings.syslog(),
                    new SyslogFormat(host, ProcessHandle.current().pid())));
        }
        return sinks;
    }

    private static String localHostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "-";
        }
    }

    private void feed(ExportSink sink) {
        Duration backoff = settings.minBackoff();
        Egress gated = egress.get(sink.name());
        while (running) {
            try {
                if (gated != null && gate != null && !gate.permits(gated)) {
                    Thread.sleep(settings.poll());
                    continue;
                }
                ExportCursors.Cursor cursor = cursors.get(sink.name());
                List<StoredEntry> batch = cursors.pending(cursor, settings.batch());
                if (batch.isEmpty()) {
                    Thread.sleep(settings.poll());
                    continue;
                }
                sink.deliver(batch);
                cursors.delivered(sink.name(), batch.getLast().seq() + 1);
                backoff = settings.minBackoff();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                String error = e.getClass().getSimpleName();
                log.warn("audit export to {} failed ({}); retrying in {} ms", sink.name(), error, backoff.toMillis());
                try {
                    cursors.failed(sink.name(), error);
                } catch (Exception ignored) {
                    // the database is down too; the cursor has not moved, so nothing is lost
                }
                try {
                    Thread.sleep(backoff);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    return;
                }
                backoff = backoff.multipliedBy(2).compareTo(settings.maxBackoff()) > 0
                        ? settings.maxBackoff()
                        : backoff.multipliedBy(2);
            }
        }
    }

    @Override
    public void start() {
        running = true;
        for (ExportSink sink : sinks) {
            Thread t = Thread.ofPlatform()
                    .daemon()
                    .name("audit-export-" + sink.name())
                    .start(() -> feed(sink));
            threads.add(t);
        }
    }

    @Override
    public void stop() {
        running = false;
        for (Thread t : threads) {
            t.interrupt();
            try {
                t.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        threads.clear();
        sinks.forEach(ExportSink::close);
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
