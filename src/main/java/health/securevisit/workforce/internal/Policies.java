package health.securevisit.workforce.internal;

import health.securevisit.audit.Outcome;
import health.securevisit.identity.WorkforceDirectory;
import health.securevisit.identity.WorkforcePrincipal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Versioned policy documents and their acknowledgements. Publishing a policy under an existing key
 * makes a new version and supersedes the current one, which is then kept with its acknowledgements
 * for {@link #RETENTION_YEARS} years after it was superseded (45 CFR 164.316(b)(2)) and purged after.
 */
@Service
public class Policies {

    public static final int RETENTION_YEARS = 6;
    static final Pattern KEY = Pattern.compile("[a-z0-9][a-z0-9-]{1,62}");

    /** One version of a policy. */
    public record Policy(
            UUID id,
            String key,
            int version,
            String title,
            String content,
            String contentSha256,
            UUID publishedBy,
            Instant publishedAt,
            @Nullable Instant supersededAt,
            @Nullable Instant retainUntil) {

        public boolean current() {
            return supersededAt == null;
        }
    }

    /** A member's acknowledgement of a policy version. */
    public record Acknowledgement(UUID policyId, UUID accountId, Instant acknowledgedAt) {}

    private final JdbcClient jdbc;
    private final WorkforceDirectory directory;
    private final WorkforceAudit audit;
    private final Clock clock;

    Policies(JdbcClient jdbc, WorkforceDirectory directory, WorkforceAudit audit, Clock clock) {
        this.jdbc = jdbc;
        this.directory = directory;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * Publishes a new version of the policy {@code key} (version 1 for a new key).
     *
     * @throws WorkforceFailure {@code policy-content-missing} (audited, nothing stored) for a bad key,
     *     a blank title or blank content
     */
    @Transactional
    public Policy publish(WorkforcePrincipal by, String key, String title, String content) {
        if (key == null
                || !KEY.matcher(key).matches()
                || title == null
                || title.isBlank()
                || content == null
                || content.isBlank()) {
            audit.record(by, "workforce.policy.publish", Outcome.DENIED, "policy-content-missing", "policy", null);
            throw WorkforceFailure.policyContentMissing();
        }
        Instant now = clock.instant();
        Optional<Policy> previous = current(key);
        int version = previous.map(p -> p.version() + 1).orElse(1);
        if (previous.isPresent()) {
            jdbc.sql("UPDATE workforce_policy SET superseded_at = ?, retain_until = ? WHERE id = ?")
                    .params(
                            Timestamp.from(now),
                            Timestamp.from(retainUntil(now)),
                            previous.get().id())
                    .update();
        }
        UUID id = UUID.randomUUID();
        jdbc.sql("INSERT INTO workforce_policy (id, policy_key, version, title, content, content_sha256,"
                        + " published_by, published_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
                .params(id, key, version, title.strip(), content, sha256(content), by.id(), Timestamp.from(now))
                .update();
        audit.record(by, "workforce.policy.publish", Outcome.SUCCESS, key + ":v" + version, "policy", id);
        return find(id).orElseThrow();
    }

    /** Six years after {@code superseded}, on the calendar. */
    static Instant retainUntil(Instant superseded) {
        return superseded.atOffset(ZoneOffset.UTC).plusYears(RETENTION_YEARS).toInstant();
    }

    /**
     * Records {@code by}'s acknowledgement of a current policy version (again: no change).
     *
     * @throws WorkforceFailure {@code policy-not-found}, or {@code policy-superseded} for an old version
     */
    @Transactional
    public Acknowledgement acknowledge(WorkforcePrincipal by, UUID policyId) {
        Policy policy = find(policyId).orElseThrow(() -> {
            audit.record(by, "workforce.policy.acknowledge", Outcome.DENIED, "policy-not-found", "policy", policyId);
            return WorkforceFailure.policyNotFound();
        });
        if (!policy.current()) {
            audit.record(by, "workforce.policy.acknowledge", Outcome.DENIED, "policy-superseded", "policy", policyId);
            throw WorkforceFailure.policySuperseded();
        }
        Optional<Acknowledgement> existing = acknowledgement(policyId, by.id());
        if (existing.isEmpty()) {
            jdbc.sql("INSERT INTO workforce_acknowledgement (policy_id, account_id, acknowledged_at) VALUES (?, ?, ?)")
                    .params(policyId, by.id(), Timestamp.from(clock.instant()))
                    .update();
        }
        audit.record(
                by,
                "workforce.policy.acknowledge",
                Outcome.SUCCESS,
                policy.key() + ":v" + policy.version(),
                "policy",
                policyId);
        return acknowledgement(policyId, by.id()).orElseThrow();
    }

    public Optional<Policy> find(UUID id) {
        return jdbc.sql("SELECT * FROM workforce_policy WHERE id = ?")
                .param(id)
                .query(Policies::map)
                .optional();
    }

    public Optional<Policy> current(String key) {
        return jdbc.sql("SELECT * FROM workforce_policy WHERE policy_key = ? AND superseded_at IS NULL")
                .param(key)
                .query(Policies::map)
                .optional();
    }

    /** Current versions, by key. */
    public List<Policy> currentPolicies() {
        return jdbc.sql("SELECT * FROM workforce_policy WHERE superseded_at IS NULL ORDER BY policy_key")
                .query(Policies::map)
                .list();
    }

    /** Every stored version (current and kept), by key and version. */
    public List<Policy> all() {
        return jdbc.sql("SELECT * FROM workforce_policy ORDER BY policy_key, version")
                .query(Policies::map)
                .list();
    }

    public Optional<Acknowledgement> acknowledgement(UUID policyId, UUID accountId) {
        return jdbc.sql("SELECT * FROM workforce_acknowledgement WHERE policy_id = ? AND account_id = ?")
                .params(policyId, accountId)
                .query((rs, n) -> new Acknowledgement(
                        rs.getObject("policy_id", UUID.class),
                        rs.getObject("account_id", UUID.class),
                        rs.getTimestamp("acknowledged_at").toInstant()))
                .optional();
    }

    /** Enabled accounts missing an acknowledgement of a current policy, sorted. */
    public List<UUID> unacknowledged() {
        List<Policy> current = currentPolicies();
        if (current.isEmpty()) {
            return List.of();
        }
        Set<UUID> acknowledgedAll = Set.copyOf(jdbc.sql("SELECT a.account_id FROM workforce_acknowledgement a"
                        + " JOIN workforce_policy p ON p.id = a.policy_id WHERE p.superseded_at IS NULL"
                        + " GROUP BY a.account_id HAVING COUNT(*) = ?")
                .param(current.size())
                .query(UUID.class)
                .list());
        return directory.members().stream()
                .filter(WorkforceDirectory.Member::enabled)
                .map(WorkforceDirectory.Member::id)
                .filter(id -> !acknowledgedAll.contains(id))
                .sorted()
                .toList();
    }

    /** Deletes superseded versions (and their acknowledgements) whose retention ended before {@code now}. */
    @Transactional
    public int purgeAt(Instant now) {
        int purged = jdbc.sql("DELETE FROM workforce_policy WHERE retain_until IS NOT NULL AND retain_until < ?")
                .param(Timestamp.from(now))
                .update();
        if (purged > 0) {
            audit.record(null, "workforce.policy.purge", Outcome.SUCCESS, "purged=" + purged, "policy", null);
        }
        return purged;
    }

    static String sha256(String content) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(content.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Policy map(ResultSet rs, int n) throws SQLException {
        Timestamp superseded = rs.getTimestamp("superseded_at");
        Timestamp retain = rs.getTimestamp("retain_until");
        return new Policy(
                rs.getObject("id", UUID.class),
                rs.getString("policy_key"),
                rs.getInt("version"),
                rs.getString("title"),
                rs.getString("content"),
                rs.getString("content_sha256"),
                rs.getObject("published_by", UUID.class),
                rs.getTimestamp("published_at").toInstant(),
                superseded == null ? null : superseded.toInstant(),
                retain == null ? null : retain.toInstant());
    }
}
