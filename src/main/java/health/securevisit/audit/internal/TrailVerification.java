package health.securevisit.audit.internal;

import health.securevisit.audit.AuditUnavailableException;
import health.securevisit.keys.CheckpointSigner;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The server verifies its own trail every {@code verifyInterval} (and on demand) with the same
 * verifier as the command line, and keeps each result for the auditor console. On H2 this is the way
 * to verify while the server runs (H2 admits one process).
 */
@Component
public class TrailVerification implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(TrailVerification.class);

    /** A stored verification result. */
    public record Result(
            Instant finishedAt,
            boolean ok,
            long entries,
            long checkpoints,
            @Nullable Long firstBadSeq,
            String summary) {}

    private final DataSource dataSource;
    private final CheckpointSigner signer;
    private final AuditSettings settings;
    private final Clock clock;
    private @Nullable ScheduledExecutorService scheduler;

    TrailVerification(DataSource dataSource, CheckpointSigner signer, AuditSettings settings, Clock clock) {
        this.clock = clock;
        this.dataSource = dataSource;
        this.signer = signer;
        this.settings = settings;
    }

    public synchronized Result runNow() {
        try (Connection c = dataSource.getConnection()) {
            VerificationReport report = new TrailVerifier(
                            new TrailVerifier.TrustedKey(settings.origin(), signer.publicKey()))
                    .verify(c, List.of());
            Result result = new Result(
                    clock.instant(),
                    report.ok(),
                    report.entries(),
                    report.checkpoints(),
                    report.firstBadSequence().orElse(null),
                    clip(report.summary()));
            store(c, result);
            if (!report.ok()) {
                log.error("audit trail verification FAILED: {}", report.lines().getFirst());
            }
            return result;
        } catch (SQLException e) {
            throw new AuditUnavailableException(e);
        }
    }

    public Optional<Result> latest() {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "SELECT finished_at, ok, entries, checkpoints, first_bad_seq, summary FROM audit_verification"
                                + " ORDER BY id DESC LIMIT 1");
                ResultSet rs = ps.executeQuery()) {
            if (!rs.next()) {
                return Optional.empty();
            }
            long bad = rs.getLong(5);
            return Optional.of(new Result(
                    rs.getObject(1, OffsetDateTime.class).toInstant(),
                    rs.getBoolean(2),
                    rs.getLong(3),
                    rs.getLong(4),
                    rs.wasNull() ? null : bad,
                    rs.getString(6)));
        } catch (SQLException e) {
            throw new AuditUnavailableException(e);
        }
    }

    private static void store(Connection c, Result r) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO audit_verification"
                + " (finished_at, ok, entries, checkpoints, first_bad_seq, summary) VALUES (?, ?, ?, ?, ?, ?)")) {
            ps.setObject(1, OffsetDateTime.ofInstant(r.finishedAt(), ZoneOffset.UTC));
            ps.setBoolean(2, r.ok());
            ps.setLong(3, r.entries());
            ps.setLong(4, r.checkpoints());
            if (r.firstBadSeq() == null) {
                ps.setNull(5, Types.BIGINT);
            } else {
                ps.setLong(5, r.firstBadSeq());
            }
            ps.setString(6, r.summary());
            ps.executeUpdate();
        }
    }

    private static String clip(String s) {
        return s.length() <= 1024 ? s : s.substring(0, 1020) + "...";
    }

    @Override
    public void start() {
        ScheduledExecutorService s = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "audit-verifier");
            t.setDaemon(true);
            return t;
        });
        long every = settings.verifyInterval().toMillis();
        s.scheduleWithFixedDelay(
                () -> {
                    try {
                        runNow();
                    } catch (RuntimeException e) {
                        log.error(
                                "audit trail verification could not run: {}",
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
