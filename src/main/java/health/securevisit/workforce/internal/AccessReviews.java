package health.securevisit.workforce.internal;

import health.securevisit.audit.Outcome;
import health.securevisit.identity.AccountContainment;
import health.securevisit.identity.Role;
import health.securevisit.identity.WorkforceDirectory;
import health.securevisit.identity.WorkforceDirectory.Member;
import health.securevisit.identity.WorkforcePrincipal;
import health.securevisit.identity.WorkforceRoles;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Periodic access reviews: a reviewer goes through every enabled account and confirms its roles,
 * removes some (through identity's role change, with its checks and audit record) or removes all
 * (the account is disabled and its sessions end). Each decision is recorded and audited; a review is
 * completed only when every enabled account has one. Nobody decides on their own account, and a
 * review never grants a role.
 */
@Service
public class AccessReviews {

    /** A review and its decisions so far. */
    public record Review(
            UUID id,
            UUID reviewerId,
            Instant startedAt,
            @Nullable Instant completedAt,
            List<Decision> decisions) {}

    /** The decision on one account. */
    public record Decision(UUID accountId, String decision, String rolesBefore, String rolesAfter, Instant decidedAt) {}

    private final JdbcClient jdbc;
    private final WorkforceDirectory directory;
    private final WorkforceRoles roles;
    private final AccountContainment containment;
    private final WorkforceAudit audit;
    private final Clock clock;

    AccessReviews(
            JdbcClient jdbc,
            WorkforceDirectory directory,
            WorkforceRoles roles,
            AccountContainment containment,
            WorkforceAudit audit,
            Clock clock) {
        this.jdbc = jdbc;
        this.directory = directory;
        this.roles = roles;
        this.containment = containment;
        this.audit = audit;
        this.clock = clock;
    }

    @Transactional
    public Review start(WorkforcePrincipal by) {
        UUID id = UUID.randomUUID();
        jdbc.sql("INSERT INTO workforce_access_review (id, reviewer_id, started_at) VALUES (?, ?, ?)")
                .params(id, by.id(), Timestamp.from(clock.instant()))
                .update();
        audit.record(by, "workforce.review.start", Outcome.SUCCESS, null, "access-review", id);
        return find(id).orElseThrow();
    }

    /**
     * Records the decision on one account: {@code keep} equal to its roles confirms them, a smaller set
     * removes the others, an empty set disables the account.
     *
     * @throws WorkforceFailure {@code review-own-account}, {@code review-cannot-grant},
     *     {@code review-closed}, {@code review-not-found}, {@code review-account-not-listed}: audited,
     *     nothing changed
     */
    @Transactional
    public Decision decide(WorkforcePrincipal by, UUID reviewId, UUID accountId, Set<Role> keep) {
        Review review = find(reviewId).orElseThrow(() -> refused(by, reviewId, WorkforceFailure.reviewNotFound()));
        if (review.completedAt() != null) {
            throw refused(by, reviewId, WorkforceFailure.reviewClosed());
        }
        Member member = directory.members().stream()
                .filter(m -> m.id().equals(accountId) && m.enabled())
                .findFirst()
                .orElseThrow(() -> refused(by, reviewId, WorkforceFailure.reviewAccountNotListed()));
        if (accountId.equals(by.id())) {
            throw refused(by, reviewId, WorkforceFailure.reviewOwnAccount());
        }
        if (!member.roles().containsAll(keep)) {
            throw refused(by, reviewId, WorkforceFailure.reviewCannotGrant());
        }
        String decision;
        if (keep.isEmpty()) {
            containment.disable(by, accountId);
            decision = "DISABLED";
        } else if (keep.equals(member.roles())) {
            decision = "CONFIRMED";
        } else {
            roles.replace(by, accountId, EnumSet.copyOf(keep));
            decision = "CHANGED";
        }
        Instant now = clock.instant();
        jdbc.sql("DELETE FROM workforce_review_decision WHERE review_id = ? AND account_id = ?")
                .params(reviewId, accountId)
                .update();
        jdbc.sql("INSERT INTO workforce_review_decision (review_id, account_id, decision, roles_before, roles_after,"
                        + " decided_at) VALUES (?, ?, ?, ?, ?, ?)")
                .params(reviewId, accountId, decision, names(member.roles()), names(keep), Timestamp.from(now))
                .update();
        audit.record(by, "workforce.review.decide", Outcome.SUCCESS, decision, "workforce-user", accountId);
        return new Decision(accountId, decision, names(member.roles()), names(keep), now);
    }

    /**
     * Completes a review once every enabled account other than the reviewer's has a decision.
     *
     * @throws WorkforceFailure {@code review-incomplete} listing the undecided accounts
     */
    @Transactional
    public Review complete(WorkforcePrincipal by, UUID reviewId) {
        Review review = find(reviewId).orElseThrow(() -> refused(by, reviewId, WorkforceFailure.reviewNotFound()));
        if (review.completedAt() != null) {
            throw refused(by, reviewId, WorkforceFailure.reviewClosed());
        }
        Set<UUID> decided = review.decisions().stream().map(Decision::accountId).collect(Collectors.toSet());
        List<String> missing = directory.members().stream()
                .filter(Member::enabled)
                .map(Member::id)
                .filter(id -> !decided.contains(id) && !id.equals(review.reviewerId()))
                .map(UUID::toString)
                .sorted()
                .toList();
        if (!missing.isEmpty()) {
            throw refused(by, reviewId, WorkforceFailure.reviewIncomplete(missing));
        }
        jdbc.sql("UPDATE workforce_access_review SET completed_at = ? WHERE id = ?")
                .params(Timestamp.from(clock.instant()), reviewId)
                .update();
        audit.record(
                by,
                "workforce.review.complete",
                Outcome.SUCCESS,
                "decisions=" + decided.size(),
                "access-review",
                reviewId);
        return find(reviewId).orElseThrow();
    }

    private WorkforceFailure refused(WorkforcePrincipal by, UUID reviewId, WorkforceFailure failure) {
        audit.record(by, "workforce.review.decide", Outcome.DENIED, failure.code(), "access-review", reviewId);
        return failure;
    }

    public Optional<Review> find(UUID id) {
        List<Decision> decisions = jdbc.sql(
                        "SELECT * FROM workforce_review_decision WHERE review_id = ?" + " ORDER BY decided_at")
                .param(id)
                .query((rs, n) -> new Decision(
                        rs.getObject("account_id", UUID.class),
                        rs.getString("decision"),
                        rs.getString("roles_before"),
                        rs.getString("roles_after"),
                        rs.getTimestamp("decided_at").toInstant()))
                .list();
        return jdbc.sql("SELECT * FROM workforce_access_review WHERE id = ?")
                .param(id)
                .query((rs, n) -> {
                    Timestamp completed = rs.getTimestamp("completed_at");
                    return new Review(
                            id,
                            rs.getObject("reviewer_id", UUID.class),
                            rs.getTimestamp("started_at").toInstant(),
                            completed == null ? null : completed.toInstant(),
                            decisions);
                })
                .optional();
    }

    /** Reviews, newest first. */
    public List<Review> list() {
        return jdbc
                .sql("SELECT id FROM workforce_access_review ORDER BY started_at DESC")
                .query(UUID.class)
                .list()
                .stream()
                .map(id -> find(id).orElseThrow())
                .toList();
    }

    /** When the latest review was completed, if any. */
    public Optional<Instant> lastCompleted() {
        return jdbc.sql("SELECT MAX(completed_at) FROM workforce_access_review")
                .query((rs, n) -> rs.getTimestamp(1))
                .optional()
                .map(Timestamp::toInstant);
    }

    private static String names(Set<Role> roles) {
        return roles.stream().map(Role::name).sorted().collect(Collectors.joining(","));
    }
}
