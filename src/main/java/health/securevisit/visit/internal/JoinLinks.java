package health.securevisit.visit.internal;

import health.securevisit.access.DataClass;
import health.securevisit.audit.Outcome;
import health.securevisit.patient.DataPoint;
import health.securevisit.patient.Patients;
import health.securevisit.platform.Throttle;
import health.securevisit.platform.ThrottleRule;
import health.securevisit.platform.Throttles;
import health.securevisit.platform.TooManyAttemptsException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Patient join links: single use, bound to one visit, valid from 15 minutes before its start to its
 * end, a 256-bit random token of which only the SHA-256 is stored; the patient confirms the date of
 * birth; wrong dates of birth revoke the link; every refusal looks the same ({@code join-refused}).
 */
@Service
public class JoinLinks {

    static final Duration OPENS_BEFORE_START = Duration.ofMinutes(15);
    static final int TOKEN_BYTES = 32;
    static final String ACTION = "visit.join";
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]{43}");

    /** A new link: the token (shown once, never stored) and its validity. */
    public record Created(String token, Instant validFrom, Instant validUntil) {
        @Override
        public String toString() {
            return "Created[token=***, validFrom=" + validFrom + ", validUntil=" + validUntil + "]";
        }
    }

    /** A successful join: the visit's state and start (no PHI). */
    public record Joined(UUID visitId, VisitStatus status, Instant start) {}

    private record Link(
            UUID id,
            UUID visitId,
            Instant validFrom,
            Instant validUntil,
            @Nullable Instant usedAt,
            @Nullable Instant revokedAt,
            int failedDobAttempts) {}

    private record Attempt(
            @Nullable Joined joined,
            @Nullable Visit visit,
            String reason,
            @Nullable UUID visitId,
            @Nullable UUID patientId) {}

    private final VisitAccess access;
    private final Visits visits;
    private final Patients patients;
    private final VisitAudit audit;
    private final Throttle throttle;
    private final VisitSettings settings;
    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final SecureRandom random = new SecureRandom();
    private final Clock clock;
    private final VisitEvents events;

    JoinLinks(
            VisitAccess access,
            Visits visits,
            Patients patients,
            VisitAudit audit,
            Throttles throttles,
            VisitSettings settings,
            JdbcClient jdbc,
            TransactionTemplate transactions,
            VisitEvents events,
            Clock clock) {
        this.clock = clock;
        this.events = events;
        this.access = access;
        this.visits = visits;
        this.patients = patients;
        this.audit = audit;
        this.throttle = throttles.create(
                "visit-join", ThrottleRule.perWindow(settings.joinAttemptsPerMinute(), Duration.ofMinutes(1)));
        this.settings = settings;
        this.jdbc = jdbc;
        this.transactions = transactions;
    }

    /** A new link for the visit; earlier unused links of the visit are revoked. */
    public Created create(UUID visitId) {
        Visit visit = access.authorize(visitId, "visit.join-link.create", DataClass.SCHEDULING, "visit");
        UUID by = access.principal().id();
        Instant now = clock.instant();
        if ((visit.status() != VisitStatus.SCHEDULED && visit.status() != VisitStatus.WAITING)
                || !now.isBefore(visit.end())) {
            throw VisitException.notJoinable();
        }
        byte[] raw = new byte[TOKEN_BYTES];
        random.nextBytes(raw);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
        Instant validFrom = visit.start().minus(OPENS_BEFORE_START);
        Instant validUntil = visit.end();
        transactions.executeWithoutResult(tx -> {
            jdbc.sql("UPDATE visit_join_link SET revoked_at = ? WHERE visit_id = ? AND used_at IS NULL"
                            + " AND revoked_at IS NULL")
                    .params(Timestamp.from(now), visitId)
                    .update();
            jdbc.sql("INSERT INTO visit_join_link (id, visit_id, token_hash, valid_from, valid_until, created_by,"
                            + " created_at, failed_dob_attempts) VALUES (?, ?, ?, ?, ?, ?, ?, 0)")
                    .params(
                            UUID.randomUUID(),
                            visitId,
                            hash(token),
                            Timestamp.from(validFrom),
                            Timestamp.from(validUntil),
                            by,
                            Timestamp.from(now))
                    .update();
        });
        return new Created(token, validFrom, validUntil);
    }

    /**
     * A patient joins with the link's token and their date of birth (anonymous).
     *
     * @throws TooManyAttemptsException beyond the per-source limit
     * @throws VisitException {@code join-refused} for every other failure, after auditing it
     */
    public Joined join(String token, LocalDate dateOfBirth, String source) {
        throttle.attempt(source);
        Attempt outcome = TOKEN.matcher(token).matches()
                ? transactions.execute(tx -> attempt(token, dateOfBirth))
                : new Attempt(null, null, "unknown-token", null, null);
        if (outcome.joined() == null) {
            audit.byPatient(ACTION, Outcome.DENIED, outcome.reason(), outcome.visitId(), outcome.patientId());
            throw VisitException.joinRefused();
        }
        events.changed(outcome.visit());
        return outcome.joined();
    }

    private Attempt attempt(String token, LocalDate dateOfBirth) {
        Optional<Link> found = jdbc.sql("SELECT id, visit_id, valid_from, valid_until, used_at, revoked_at,"
                        + " failed_dob_attempts FROM visit_join_link WHERE token_hash = ? FOR UPDATE")
                .param(hash(token))
                .query((rs, n) -> new Link(
                        rs.getObject("id", UUID.class),
                        rs.getObject("visit_id", UUID.class),
                        rs.getTimestamp("valid_from").toInstant(),
                        rs.getTimestamp("valid_until").toInstant(),
                        instant(rs.getTimestamp("used_at")),
                        instant(rs.getTimestamp("revoked_at")),
                        rs.getInt("failed_dob_attempts")))
                .optional();
        if (found.isEmpty()) {
            return new Attempt(null, null, "unknown-token", null, null);
        }
        Link link = found.get();
        Visit visit = visits.find(link.visitId()).orElseThrow(VisitException::notFound);
        Instant now = clock.instant();
        String refused = link.usedAt() != null
                ? "link-used"
                : link.revokedAt() != null
                        ? "link-revoked"
                        : now.isBefore(link.validFrom())
                                ? "link-not-yet-valid"
                                : !now.isBefore(link.validUntil())
                                        ? "link-expired"
                                        : visit.status() == VisitStatus.SCHEDULED
                                                        || visit.status() == VisitStatus.WAITING
                                                ? null
                                                : "visit-not-joinable";
        if (refused != null) {
            return new Attempt(null, null, refused, visit.id(), visit.patientId());
        }
        boolean dobMatches = patients.check(visit.patientId(), Map.of(DataPoint.DATE_OF_BIRTH, dateOfBirth.toString()))
                .matched()
                .contains(DataPoint.DATE_OF_BIRTH);
        if (!dobMatches) {
            int failures = link.failedDobAttempts() + 1;
            boolean revoke = failures >= settings.joinDobMaxFailures();
            jdbc.sql("UPDATE visit_join_link SET failed_dob_attempts = ?, revoked_at = ? WHERE id = ?")
                    .params(failures, revoke ? Timestamp.from(now) : null, link.id())
                    .update();
            return new Attempt(
                    null,
                    null,
                    revoke ? "wrong-date-of-birth-link-revoked" : "wrong-date-of-birth",
                    visit.id(),
                    visit.patientId());
        }
        jdbc.sql("UPDATE visit_join_link SET used_at = ? WHERE id = ?")
                .params(Timestamp.from(now), link.id())
                .update();
        visit.patientJoined();
        visits.update(visit, now);
        audit.byPatient(ACTION, Outcome.SUCCESS, "patient-joined", visit.id(), visit.patientId());
        return new Attempt(
                new Joined(visit.id(), visit.status(), visit.start()),
                visit,
                "patient-joined",
                visit.id(),
                visit.patientId());
    }

    /** The stored form of a token: hex SHA-256. */
    static String hash(String token) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from the JDK", e);
        }
    }

    private static @Nullable Instant instant(@Nullable Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
