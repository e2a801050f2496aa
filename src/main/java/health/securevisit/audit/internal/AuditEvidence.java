package health.securevisit.audit.internal;

import health.securevisit.platform.EvidenceSource;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The audit trail's evidence: {@code audit.trail-verified} (the server's last verification of the
 * whole trail, which must have passed and be at most two verification intervals old) and {@code
 * audit.checkpoint-fresh} (the latest signed checkpoint covers every entry, or was signed within
 * {@link #CHECKPOINT_LAG} while entries keep arriving).
 */
@Component
class AuditEvidence implements EvidenceSource {

    static final String VERIFIED = "audit.trail-verified";
    static final String CHECKPOINT = "audit.checkpoint-fresh";
    /** How far the latest checkpoint may trail the newest entries (checkpoints are signed every second at most). */
    static final Duration CHECKPOINT_LAG = Duration.ofMinutes(1);

    private final TrailVerification verification;
    private final Checkpoints checkpoints;
    private final JdbcClient jdbc;
    private final AuditSettings settings;
    private final Clock clock;

    AuditEvidence(
            TrailVerification verification,
            Checkpoints checkpoints,
            JdbcClient jdbc,
            AuditSettings settings,
            Clock clock) {
        this.verification = verification;
        this.checkpoints = checkpoints;
        this.jdbc = jdbc;
        this.settings = settings;
        this.clock = clock;
    }

    @Override
    public List<Evidence> evidence() {
        Instant now = clock.instant();
        return List.of(verified(now), checkpoint(now));
    }

    Evidence verified(Instant now) {
        var latest = verification.latest();
        if (latest.isEmpty()) {
            return Evidence.none(
                    VERIFIED,
                    now,
                    "the trail has not been verified yet (every " + settings.verifyInterval()
                            + ", or POST /api/v1/audit/verifications)");
        }
        var r = latest.get();
        Duration age = Duration.between(r.finishedAt(), now);
        if (!r.ok()) {
            return Evidence.fail(
                    VERIFIED,
                    r.finishedAt(),
                    "the last verification found tampering: " + r.summary(),
                    List.of(r.firstBadSeq() == null ? "audit-trail" : "audit-entry:" + r.firstBadSeq()));
        }
        if (age.compareTo(settings.verifyInterval().multipliedBy(2)) > 0) {
            return Evidence.fail(
                    VERIFIED,
                    r.finishedAt(),
                    "the last verification is " + age.toMinutes() + " min old (verified every "
                            + settings.verifyInterval() + ")",
                    List.of("audit-verification"));
        }
        return Evidence.pass(
                VERIFIED,
                r.finishedAt(),
                "verified " + r.entries() + " entries and " + r.checkpoints() + " checkpoints, " + age.toMinutes()
                        + " min ago");
    }

    Evidence checkpoint(Instant now) {
        long size = jdbc.sql("SELECT tree_size FROM audit_head WHERE id = 1")
                .query(Long.class)
                .optional()
                .orElse(0L);
        var latest = checkpoints.latest();
        if (latest.isEmpty()) {
            return size == 0
                    ? Evidence.none(CHECKPOINT, now, "the trail is empty")
                    : Evidence.fail(
                            CHECKPOINT, now, size + " entries and no signed checkpoint", List.of("audit-trail"));
        }
        var c = latest.get();
        Duration age = Duration.between(c.signedAt(), now);
        if (c.treeSize() >= size) {
            return Evidence.pass(
                    CHECKPOINT, c.signedAt(), "the latest checkpoint covers all " + c.treeSize() + " entries");
        }
        if (age.compareTo(CHECKPOINT_LAG) > 0) {
            return Evidence.fail(
                    CHECKPOINT,
                    c.signedAt(),
                    (size - c.treeSize()) + " entries are not under a signed checkpoint; the latest is "
                            + age.toSeconds() + " s old",
                    List.of("audit-checkpoint:" + c.treeSize()));
        }
        return Evidence.pass(
                CHECKPOINT,
                c.signedAt(),
                "the latest checkpoint (" + c.treeSize() + " entries) is " + age.toSeconds() + " s old");
    }
}
