package health.securevisit.records.internal;

import health.securevisit.audit.AuditEvent;
import health.securevisit.audit.AuditTrail;
import health.securevisit.audit.LegalHoldStatus;
import health.securevisit.audit.Outcome;
import health.securevisit.audit.PurposeOfUse;
import health.securevisit.records.ArtifactInfo;
import health.securevisit.records.ArtifactKind;
import health.securevisit.records.ArtifactState;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Retention of artifacts: each kind is kept for its period from the visit's start (default six
 * years); once that has passed, and no legal hold covers the patient, the daily run deletes the
 * artifact by crypto-shredding: the data keys of its chunks are destroyed (then their blobs removed),
 * so its stored bytes, and any copy of them, no longer decrypt. Each run is audited with its counts.
 */
@Component
public class RetentionJob implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(RetentionJob.class);
    private static final int BATCH = 500;

    /** One run's counts: expired artifacts seen, shredded, and kept because of a legal hold. */
    public record Run(int expired, int shredded, int held) {}

    private final ArtifactRows rows;
    private final ArtifactStore store;
    private final LegalHoldStatus holds;
    private final AuditTrail trail;
    private final RecordsSettings settings;
    private final JdbcClient jdbc;
    private final Clock clock;
    private @Nullable ScheduledExecutorService scheduler;

    RetentionJob(
            ArtifactRows rows,
            ArtifactStore store,
            LegalHoldStatus holds,
            AuditTrail trail,
            RecordsSettings settings,
            JdbcClient jdbc,
            Clock clock) {
        this.rows = rows;
        this.store = store;
        this.holds = holds;
        this.trail = trail;
        this.settings = settings;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Shreds every expired artifact not under a legal hold, now. */
    public Run runNow() {
        return runAt(clock.instant());
    }

    /** As {@link #runNow()}, as if it were {@code now} (tests and operators' dry runs of the future). */
    public Run runAt(Instant now) {
        int expired = 0;
        int shredded = 0;
        int held = 0;
        List<ArtifactInfo> batch = rows.expired(now, BATCH);
        for (ArtifactInfo a : batch) {
            expired++;
            if (holds.holds(a.patientId())) {
                held++;
                continue;
            }
            if (rows.move(a.id(), a.state(), ArtifactState.SHREDDED, now)) {
                store.shredChunks(a);
                shredded++;
            }
        }
        trail.record(AuditEvent.builder("records.retention.run", Outcome.SUCCESS, PurposeOfUse.OPERATIONS)
                .actor("system:records-retention", "SYSTEM")
                .resource("records-retention", UUID.randomUUID().toString())
                .reason("expired=" + expired + ",shredded=" + shredded + ",held=" + held)
                .build());
        log.info("records retention: {} expired, {} shredded, {} held", expired, shredded, held);
        return new Run(expired, shredded, held);
    }

    /** Records (once) and audits a retention period below the legal minimum with its reason. */
    private void recordExceptions() {
        String reason = settings.exceptionReason();
        if (reason == null) {
            return;
        }
        for (ArtifactKind kind : ArtifactKind.values()) {
            long days = RecordsSettings.days(settings.retention(kind));
            if (!RecordsSettings.shorter(settings.retention(kind), settings.retentionMinimum())) {
                continue;
            }
            boolean known = jdbc.sql("SELECT COUNT(*) FROM records_retention_exception WHERE kind = ?"
                                    + " AND period_days = ? AND reason = ?")
                            .params(kind.name(), days, reason)
                            .query(Long.class)
                            .single()
                    > 0;
            if (known) {
                continue;
            }
            UUID id = UUID.randomUUID();
            trail.record(AuditEvent.builder("records.retention.exception", Outcome.SUCCESS, PurposeOfUse.OPERATIONS)
                    .actor("system:records-retention", "SYSTEM")
                    .resource("retention-exception", id.toString())
                    .reason(kind.name().toLowerCase(java.util.Locale.ROOT) + "-" + days + "-days")
                    .build());
            jdbc.sql("INSERT INTO records_retention_exception (id, kind, period_days, reason, recorded_by, recorded_at)"
                            + " VALUES (?, ?, ?, ?, ?, ?)")
                    .params(id, kind.name(), days, reason, new UUID(0, 0), ArtifactRows.ts(clock.instant()))
                    .update();
            log.warn("records retention of {} is {} days, below the legal minimum: exception recorded", kind, days);
        }
    }

    @Override
    public void start() {
        recordExceptions();
        ScheduledExecutorService s = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "records-retention");
            t.setDaemon(true);
            return t;
        });
        long every = settings.shredInterval().toMillis();
        s.scheduleWithFixedDelay(
                () -> {
                    try {
                        runNow();
                    } catch (RuntimeException e) {
                        log.error(
                                "records retention could not run: {}",
                                e.getClass().getSimpleName());
                    }
                },
                every,
                every,
                TimeUnit.MILLISECONDS);
        scheduler = s;
    }

    @Override
    public void stop() {
        if (scheduler != null) {
            scheduler.shutdownNow();
            scheduler = null;
        }
    }

    @Override
    public boolean isRunning() {
        return scheduler != null;
    }
}
