package health.securevisit.workforce.internal;

import health.securevisit.access.PostureSources.TrainingStatuses;
import health.securevisit.access.TrainingStatus;
import health.securevisit.audit.Outcome;
import health.securevisit.identity.WorkforceDirectory;
import health.securevisit.identity.WorkforceDirectory.Member;
import health.securevisit.identity.WorkforcePrincipal;
import health.securevisit.workforce.internal.Courses.Course;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Training assignments and completions. Every enabled account is assigned each course one of its
 * roles takes, at hire and again {@code trainingEvery} after its last completion, due
 * {@code trainingDueWithin} later. A completion is the member's own attestation, stored as an
 * xAPI-style statement (actor, verb, object, result, timestamp) that closes the open assignments of
 * the course. The access decision point asks {@link #statusOf}: OVERDUE once an open assignment is
 * past its due date plus the grace period, CURRENT otherwise.
 */
@Service
public class Training implements TrainingStatuses {

    /** The xAPI verb of an attested completion. */
    public static final String COMPLETED = "http://adlnet.gov/expapi/verbs/completed";

    /** Why an assignment was made. */
    public enum Cycle {
        HIRE,
        YEARLY,
        MANUAL
    }

    /** One assignment with its state at the time of reading. */
    public record Assignment(
            UUID id,
            UUID accountId,
            String courseId,
            Cycle cycle,
            Instant assignedAt,
            Instant dueAt,
            @Nullable Instant completedAt,
            @Nullable UUID statementId,
            String state) {}

    /** An xAPI-style statement: who did what to which activity, with what result, when. */
    public record Statement(
            UUID id, UUID actor, String verb, String object, boolean success, String response, Instant timestamp) {}

    private final JdbcClient jdbc;
    private final Courses courses;
    private final WorkforceDirectory directory;
    private final WorkforceSettings settings;
    private final WorkforceAudit audit;
    private final Clock clock;

    Training(
            JdbcClient jdbc,
            Courses courses,
            WorkforceDirectory directory,
            WorkforceSettings settings,
            WorkforceAudit audit,
            Clock clock) {
        this.jdbc = jdbc;
        this.courses = courses;
        this.directory = directory;
        this.settings = settings;
        this.audit = audit;
        this.clock = clock;
    }

    @Override
    public TrainingStatus statusOf(UUID userId) {
        Instant limit = clock.instant().minus(settings.trainingGrace());
        long late = jdbc.sql("SELECT COUNT(*) FROM workforce_assignment"
                        + " WHERE account_id = ? AND completed_at IS NULL AND due_at < ?")
                .params(userId, Timestamp.from(limit))
                .query(Long.class)
                .single();
        return late > 0 ? TrainingStatus.OVERDUE : TrainingStatus.CURRENT;
    }

    /** Brings assignments up to date at {@code now}: hires and yearly renewals. Returns how many were made. */
    @Transactional
    public int assignDue(Instant now) {
        List<Course> catalog = courses.all();
        int made = 0;
        for (Member member : directory.members()) {
            if (member.enabled()) {
                made += assignDue(member, catalog, now);
            }
        }
        if (made > 0) {
            audit.record(null, "workforce.training.assign", Outcome.SUCCESS, "assigned=" + made, "training", null);
        }
        return made;
    }

    private int assignDue(Member member, List<Course> catalog, Instant now) {
        int made = 0;
        for (Course course : catalog) {
            if (Collections.disjoint(course.roles(), member.roles())) {
                continue;
            }
            Optional<Assignment> last = latest(member.id(), course.id());
            if (last.isEmpty()) {
                insert(member.id(), course.id(), Cycle.HIRE, now);
                made++;
            } else if (last.get().completedAt() != null
                    && !last.get().completedAt().plus(settings.trainingEvery()).isAfter(now)) {
                insert(member.id(), course.id(), Cycle.YEARLY, now);
                made++;
            }
        }
        return made;
    }

    /** Assigns one course to one account at {@code assignedAt} (due {@code trainingDueWithin} later). */
    @Transactional
    public Assignment assign(UUID accountId, String courseId, Cycle cycle, Instant assignedAt) {
        courses.find(courseId).orElseThrow(WorkforceFailure::courseNotFound);
        UUID id = insert(accountId, courseId, cycle, assignedAt);
        audit.record(null, "workforce.training.assign", Outcome.SUCCESS, cycle.name(), "training-assignment", id);
        return assignment(id).orElseThrow();
    }

    private UUID insert(UUID accountId, String courseId, Cycle cycle, Instant at) {
        UUID id = UUID.randomUUID();
        jdbc.sql("INSERT INTO workforce_assignment (id, account_id, course_id, assigned_for, assigned_at, due_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?)")
                .params(
                        id,
                        accountId,
                        courseId,
                        cycle.name(),
                        Timestamp.from(at),
                        Timestamp.from(at.plus(settings.trainingDueWithin())))
                .update();
        return id;
    }

    /**
     * Records {@code by}'s attested completion of the current version of a course.
     *
     * @throws WorkforceFailure {@code attestation-not-own} (audited) when {@code accountId} is not
     *     {@code by}'s own account; {@code course-not-found}; {@code course-version-stale} when the
     *     attested version is not the current one. Nothing is stored on a refusal.
     */
    @Transactional
    public Statement complete(WorkforcePrincipal by, UUID accountId, String courseId, int version, String attestation) {
        if (!by.id().equals(accountId)) {
            audit.record(
                    by,
                    "workforce.training.complete",
                    Outcome.DENIED,
                    "attestation-not-own",
                    "workforce-user",
                    accountId);
            throw WorkforceFailure.attestationNotOwn();
        }
        Course course = courses.find(courseId).orElseThrow(() -> {
            audit.record(by, "workforce.training.complete", Outcome.DENIED, "course-not-found", "course", null);
            return WorkforceFailure.courseNotFound();
        });
        if (course.version() != version) {
            audit.record(by, "workforce.training.complete", Outcome.DENIED, "course-version-stale", "course", courseId);
            throw WorkforceFailure.courseVersionStale();
        }
        Instant now = clock.instant();
        Statement statement = new Statement(
                UUID.randomUUID(), by.id(), COMPLETED, course.activityId(), true, attestation.strip(), now);
        jdbc.sql("INSERT INTO workforce_statement (id, actor_id, verb, object_id, success, response, occurred_at,"
                        + " stored_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
                .params(
                        statement.id(),
                        statement.actor(),
                        statement.verb(),
                        statement.object(),
                        true,
                        statement.response(),
                        Timestamp.from(now),
                        Timestamp.from(now))
                .update();
        int closed = jdbc.sql("UPDATE workforce_assignment SET completed_at = ?, statement_id = ?"
                        + " WHERE account_id = ? AND course_id = ? AND completed_at IS NULL")
                .params(Timestamp.from(now), statement.id(), by.id(), courseId)
                .update();
        if (closed == 0) {
            // A completion without an open assignment still counts: it starts the yearly cycle.
            UUID id = insert(by.id(), courseId, Cycle.MANUAL, now);
            jdbc.sql("UPDATE workforce_assignment SET completed_at = ?, statement_id = ? WHERE id = ?")
                    .params(Timestamp.from(now), statement.id(), id)
                    .update();
        }
        audit.record(by, "workforce.training.complete", Outcome.SUCCESS, courseId, "xapi-statement", statement.id());
        return statement;
    }

    public List<Assignment> assignments(UUID accountId) {
        return jdbc.sql("SELECT * FROM workforce_assignment WHERE account_id = ? ORDER BY assigned_at DESC, course_id")
                .param(accountId)
                .query(this::map)
                .list();
    }

    /** Every assignment, newest first (at most {@code limit}). */
    public List<Assignment> all(int limit) {
        return jdbc
                .sql("SELECT * FROM workforce_assignment ORDER BY assigned_at DESC, account_id, course_id")
                .query(this::map)
                .list()
                .stream()
                .limit(limit)
                .toList();
    }

    /** Accounts (enabled) with an open assignment past its due date at {@code now}, sorted. */
    public List<UUID> overdue(Instant now) {
        List<UUID> late = jdbc.sql("SELECT DISTINCT account_id FROM workforce_assignment"
                        + " WHERE completed_at IS NULL AND due_at < ?")
                .param(Timestamp.from(now))
                .query(UUID.class)
                .list();
        return directory.members().stream()
                .filter(Member::enabled)
                .map(Member::id)
                .filter(late::contains)
                .sorted()
                .toList();
    }

    public long count() {
        return jdbc.sql("SELECT COUNT(*) FROM workforce_assignment")
                .query(Long.class)
                .single();
    }

    public List<Statement> statements(UUID accountId) {
        return jdbc.sql("SELECT * FROM workforce_statement WHERE actor_id = ? ORDER BY occurred_at DESC")
                .param(accountId)
                .query((rs, n) -> new Statement(
                        rs.getObject("id", UUID.class),
                        rs.getObject("actor_id", UUID.class),
                        rs.getString("verb"),
                        rs.getString("object_id"),
                        rs.getBoolean("success"),
                        rs.getString("response"),
                        rs.getTimestamp("occurred_at").toInstant()))
                .list();
    }

    private Optional<Assignment> latest(UUID accountId, String courseId) {
        return jdbc
                .sql("SELECT * FROM workforce_assignment WHERE account_id = ? AND course_id = ?"
                        + " ORDER BY assigned_at DESC")
                .params(accountId, courseId)
                .query(this::map)
                .list()
                .stream()
                .findFirst();
    }

    private Optional<Assignment> assignment(UUID id) {
        return jdbc.sql("SELECT * FROM workforce_assignment WHERE id = ?")
                .param(id)
                .query(this::map)
                .optional();
    }

    private Assignment map(ResultSet rs, int n) throws SQLException {
        Timestamp completed = rs.getTimestamp("completed_at");
        Instant due = rs.getTimestamp("due_at").toInstant();
        Instant now = clock.instant();
        String state;
        if (completed != null) {
            state = "COMPLETED";
        } else if (!now.isAfter(due)) {
            state = "OPEN";
        } else {
            state = now.isAfter(due.plus(settings.trainingGrace())) ? "OVERDUE" : "OVERDUE_IN_GRACE";
        }
        return new Assignment(
                rs.getObject("id", UUID.class),
                rs.getObject("account_id", UUID.class),
                rs.getString("course_id"),
                Cycle.valueOf(rs.getString("assigned_for")),
                rs.getTimestamp("assigned_at").toInstant(),
                due,
                completed == null ? null : completed.toInstant(),
                rs.getObject("statement_id", UUID.class),
                state);
    }
}
