package health.securevisit.detection.internal;

import health.securevisit.audit.AuditEvent;
import health.securevisit.audit.AuditFeed;
import health.securevisit.audit.AuditTrail;
import health.securevisit.audit.Outcome;
import health.securevisit.audit.PurposeOfUse;
import health.securevisit.platform.PlatformSettings;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Evaluates the rules over the trail as it is written, off the request path, on one thread: read the
 * committed entries after the durable cursor, evaluate them, then store the alerts and move the
 * cursor in one transaction. After a restart (or a failed transaction) it rebuilds the engine's
 * windows, baselines and hour profiles by replaying the warm-up period before the cursor without
 * raising, so nothing is lost and nothing is raised twice.
 */
@Component
public class DetectionRunner implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(DetectionRunner.class);
    static final String CURSOR = "rules";
    static final String RULES_LOADED = "detection.rules.load";

    private final AuditFeed feed;
    private final AuditTrail trail;
    private final AlertStore alerts;
    private final LiveFacts facts;
    private final DetectionSettings settings;
    private final Path ruleDir;
    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final Clock clock;
    private RuleFiles.Loaded loaded = new RuleFiles.Loaded(List.of(), List.of());
    private RuleEngine engine;
    private long next = -1;
    private volatile boolean running;
    private Thread thread;

    DetectionRunner(
            AuditFeed feed,
            AuditTrail trail,
            AlertStore alerts,
            LiveFacts facts,
            DetectionSettings settings,
            PlatformSettings platform,
            JdbcClient jdbc,
            PlatformTransactionManager transactions,
            Clock clock) {
        this.feed = feed;
        this.trail = trail;
        this.alerts = alerts;
        this.facts = facts;
        this.settings = settings;
        this.ruleDir = platform.dataDir().resolve("detection").resolve("rules");
        this.jdbc = jdbc;
        this.tx = new TransactionTemplate(transactions);
        this.clock = clock;
        this.engine = new RuleEngine(List.of(), settings.hours(), facts);
    }

    /** The organisation's rule directory ({@code <data dir>/detection/rules}). */
    Path ruleDir() {
        return ruleDir;
    }

    /** The rules in use and the files refused at the last load. */
    synchronized RuleFiles.Loaded loaded() {
        return loaded;
    }

    /** Loads the rule files again (each refused file audited with its line) and rebuilds the engine. */
    public synchronized RuleFiles.Loaded reload() {
        loaded = RuleFiles.load(ruleDir);
        for (RuleFiles.Refused r : loaded.refused()) {
            log.warn("detection rule file {} refused at line {}: {}", r.file(), r.line(), r.problem());
            trail.record(AuditEvent.builder(RULES_LOADED, Outcome.DENIED, PurposeOfUse.OPERATIONS)
                    .reason("line-" + r.line())
                    .resource(
                            "detection-rule-file",
                            r.file().length() > 128 ? r.file().substring(0, 128) : r.file())
                    .build());
        }
        rebuild();
        return loaded;
    }

    /** Evaluates every committed entry after the cursor; returns how many were evaluated. */
    public synchronized int catchUp() {
        int total = 0;
        int n;
        while ((n = batch()) > 0) {
            total += n;
        }
        return total;
    }

    private int batch() {
        List<AuditFeed.Entry> entries = feed.read(next, settings.batch());
        if (entries.isEmpty()) {
            return 0;
        }
        List<RuleEngine.Match> matches = new ArrayList<>();
        for (AuditFeed.Entry e : entries) {
            matches.addAll(engine.evaluate(new Fields.Entry(e.sequence(), e.time(), e.event())));
        }
        long from = next;
        long to = entries.getLast().sequence() + 1;
        try {
            tx.executeWithoutResult(status -> {
                for (RuleEngine.Match m : matches) {
                    alerts.raise(m, clock.instant());
                }
                int moved = jdbc.sql(
                                "UPDATE detection_cursor SET next_seq = ?, updated_at = ? WHERE name = ? AND next_seq = ?")
                        .params(to, Timestamp.from(clock.instant()), CURSOR, from)
                        .update();
                if (moved != 1) {
                    throw new IllegalStateException("the detection cursor moved elsewhere");
                }
            });
        } catch (RuntimeException e) {
            rebuild();
            throw e;
        }
        next = to;
        return entries.size();
    }

    private void rebuild() {
        long cursor = cursor();
        RuleEngine fresh = new RuleEngine(loaded.rules(), settings.hours(), facts);
        long seq = Math.min(cursor, feed.firstSequenceAt(clock.instant().minus(settings.warmup())));
        while (seq < cursor) {
            List<AuditFeed.Entry> entries = feed.read(seq, Math.min(settings.batch() * 4, 10_000));
            if (entries.isEmpty()) {
                break;
            }
            for (AuditFeed.Entry e : entries) {
                if (e.sequence() >= cursor) {
                    break;
                }
                fresh.evaluate(new Fields.Entry(e.sequence(), e.time(), e.event()));
            }
            seq = entries.getLast().sequence() + 1;
        }
        engine = fresh;
        next = cursor;
    }

    private long cursor() {
        List<Long> found = jdbc.sql("SELECT next_seq FROM detection_cursor WHERE name = ?")
                .param(CURSOR)
                .query(Long.class)
                .list();
        if (!found.isEmpty()) {
            return found.getFirst();
        }
        long start = feed.firstSequenceAt(clock.instant().minus(settings.warmup()));
        jdbc.sql("INSERT INTO detection_cursor (name, next_seq, updated_at) VALUES (?, ?, ?)")
                .params(CURSOR, start, Timestamp.from(clock.instant()))
                .update();
        return start;
    }

    private void loop() {
        long backoff = 1000;
        while (running) {
            try {
                if (catchUp() == 0) {
                    Thread.sleep(settings.poll());
                }
                backoff = 1000;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                log.warn(
                        "detection paused after {}; retrying in {} ms",
                        e.getClass().getSimpleName(),
                        backoff);
                try {
                    Thread.sleep(backoff);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    return;
                }
                backoff = Math.min(backoff * 2, 60_000);
            }
        }
    }

    @Override
    public synchronized void start() {
        reload();
        running = true;
        if (settings.enabled()) {
            thread = Thread.ofPlatform().daemon().name("detection").start(this::loop);
        }
    }

    @Override
    public void stop() {
        running = false;
        Thread t = thread;
        if (t != null) {
            t.interrupt();
            try {
                t.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 100;
    }
}
