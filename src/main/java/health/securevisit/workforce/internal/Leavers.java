package health.securevisit.workforce.internal;

import health.securevisit.audit.Outcome;
import health.securevisit.identity.AccountContainment;
import health.securevisit.identity.WorkforceDirectory;
import health.securevisit.identity.WorkforcePrincipal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Leavers: a workforce member who leaves is recorded with the time they left, and their account must
 * be deprovisioned within {@code leaverDeadline} (1 hour). Deprovisioning disables the account through
 * identity's {@link AccountContainment}, which ends every session of the account at its next request;
 * a deprovisioning after the deadline, or none past it, is a breach that the compliance evidence shows.
 */
@Service
public class Leavers {

    /** A leaver with the deprovisioning clock. */
    public record Leaver(
            UUID accountId,
            Instant leftAt,
            Instant deadline,
            UUID recordedBy,
            @Nullable Instant deprovisionedAt,
            @Nullable UUID deprovisionedBy) {

        /** PENDING (clock running), DONE (in time), LATE (done after the deadline), OVERDUE (not done, past it). */
        public String state(Instant now) {
            if (deprovisionedAt != null) {
                return deprovisionedAt.isAfter(deadline) ? "LATE" : "DONE";
            }
            return now.isAfter(deadline) ? "OVERDUE" : "PENDING";
        }
    }

    private final JdbcClient jdbc;
    private final WorkforceDirectory directory;
    private final AccountContainment containment;
    private final WorkforceSettings settings;
    private final WorkforceAudit audit;
    private final Clock clock;

    Leavers(
            JdbcClient jdbc,
            WorkforceDirectory directory,
            AccountContainment containment,
            WorkforceSettings settings,
            WorkforceAudit audit,
            Clock clock) {
        this.jdbc = jdbc;
        this.directory = directory;
        this.containment = containment;
        this.settings = settings;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * Records that {@code accountId} left at {@code leftAt} (now when null); the deprovisioning deadline
     * is {@code leaverDeadline} later.
     *
     * @throws WorkforceFailure {@code account-not-found}, {@code leaver-recorded}, {@code
     *     leaver-date-invalid} (a time in the future): audited, nothing stored
     */
    @Transactional
    public Leaver record(WorkforcePrincipal by, UUID accountId, @Nullable Instant leftAt) {
        Instant now = clock.instant();
        Instant left = leftAt == null ? now : leftAt;
        if (directory.members().stream().noneMatch(m -> m.id().equals(accountId))) {
            throw refused(by, accountId, WorkforceFailure.accountNotFound());
        }
        if (left.isAfter(now)) {
            throw refused(by, accountId, WorkforceFailure.leftInFuture());
        }
        if (find(accountId).isPresent()) {
            throw refused(by, accountId, WorkforceFailure.leaverRecorded());
        }
        jdbc.sql("INSERT INTO workforce_leaver (account_id, left_at, deadline, recorded_by) VALUES (?, ?, ?, ?)")
                .params(accountId, Timestamp.from(left), Timestamp.from(left.plus(settings.leaverDeadline())), by.id())
                .update();
        audit.record(by, "workforce.leaver.record", Outcome.SUCCESS, null, "workforce-user", accountId);
        return find(accountId).orElseThrow();
    }

    /** Disables the leaver's account (its sessions end) and stops the clock; again: no change. */
    @Transactional
    public Leaver deprovision(WorkforcePrincipal by, UUID accountId) {
        Leaver leaver = find(accountId).orElseThrow(() -> refused(by, accountId, WorkforceFailure.leaverNotFound()));
        if (leaver.deprovisionedAt() != null) {
            return leaver;
        }
        containment.disable(by, accountId);
        Instant now = clock.instant();
        jdbc.sql("UPDATE workforce_leaver SET deprovisioned_at = ?, deprovisioned_by = ? WHERE account_id = ?")
                .params(Timestamp.from(now), by.id(), accountId)
                .update();
        Leaver done = find(accountId).orElseThrow();
        audit.record(by, "workforce.leaver.deprovision", Outcome.SUCCESS, done.state(now), "workforce-user", accountId);
        return done;
    }

    private WorkforceFailure refused(WorkforcePrincipal by, UUID accountId, WorkforceFailure failure) {
        audit.record(by, "workforce.leaver.record", Outcome.DENIED, failure.code(), "workforce-user", accountId);
        return failure;
    }

    public Optional<Leaver> find(UUID accountId) {
        return jdbc.sql("SELECT * FROM workforce_leaver WHERE account_id = ?")
                .param(accountId)
                .query(Leavers::map)
                .optional();
    }

    /** Leavers who left since {@code since}, newest first. */
    public List<Leaver> since(Instant since) {
        return jdbc.sql("SELECT * FROM workforce_leaver WHERE left_at >= ? ORDER BY left_at DESC")
                .param(Timestamp.from(since))
                .query(Leavers::map)
                .list();
    }

    private static Leaver map(ResultSet rs, int n) throws SQLException {
        Timestamp done = rs.getTimestamp("deprovisioned_at");
        return new Leaver(
                rs.getObject("account_id", UUID.class),
                rs.getTimestamp("left_at").toInstant(),
                rs.getTimestamp("deadline").toInstant(),
                rs.getObject("recorded_by", UUID.class),
                done == null ? null : done.toInstant(),
                rs.getObject("deprovisioned_by", UUID.class));
    }
}
