package health.securevisit.audit.internal;

import health.securevisit.audit.AuditEvent;
import health.securevisit.audit.AuditTrail;
import health.securevisit.audit.AuditUnavailableException;
import health.securevisit.audit.Outcome;
import health.securevisit.audit.PurposeOfUse;
import health.securevisit.platform.SecureVisitException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Queries of the trail (accounting of disclosures by patient, by user, by time, by outcome). Every
 * query and every entry read is itself recorded in the trail before its results are returned; if
 * that record cannot be made, nothing is returned ({@link AuditUnavailableException}).
 */
@Component
public class AuditSearch {

    /** Filters (all optional) and the page wanted, newest entries first. */
    public record Query(
            @Nullable String patientId,
            @Nullable String userId,
            @Nullable Instant from,
            @Nullable Instant to,
            @Nullable Outcome outcome,
            int page,
            int size,
            @Nullable Long before) {}

    /** A page of entries, newest first, all with {@code seq < before}. */
    public record Page(List<StoredEntry> entries, int page, int size, boolean hasNext, long before) {}

    private final DataSource dataSource;
    private final AuditTrail trail;
    private final TreeReader tree;

    AuditSearch(DataSource dataSource, AuditTrail trail, TreeReader tree) {
        this.dataSource = dataSource;
        this.trail = trail;
        this.tree = tree;
    }

    public Page search(Query q, Requester who) {
        long before = q.before() != null ? q.before() : tree.head().size();
        StringBuilder sql = new StringBuilder("SELECT " + StoredEntry.COLUMNS + " FROM audit_entry WHERE seq < ?");
        List<Object> args = new ArrayList<>();
        args.add(before);
        filter(sql, args, " AND patient_id = ?", q.patientId());
        filter(sql, args, " AND actor_id = ?", q.userId());
        filter(sql, args, " AND recorded_at >= ?", q.from() == null ? null : utc(q.from()));
        filter(sql, args, " AND recorded_at < ?", q.to() == null ? null : utc(q.to()));
        filter(
                sql,
                args,
                " AND outcome = ?",
                q.outcome() == null ? null : q.outcome().name());
        sql.append(" ORDER BY seq DESC LIMIT ? OFFSET ?");
        args.add(q.size() + 1);
        args.add((long) q.page() * q.size());
        List<StoredEntry> rows = select(sql.toString(), args);
        boolean hasNext = rows.size() > q.size();
        List<StoredEntry> page = hasNext ? rows.subList(0, q.size()) : rows;
        trail.record(event("audit.search", who)
                .resource("audit-trail", null)
                .patient(q.patientId())
                .build());
        return new Page(page, q.page(), q.size(), hasNext, before);
    }

    public StoredEntry read(long seq, Requester who) {
        List<StoredEntry> rows =
                select("SELECT " + StoredEntry.COLUMNS + " FROM audit_entry WHERE seq = ?", List.of(seq));
        if (rows.isEmpty()) {
            throw new EntryNotFound();
        }
        StoredEntry entry = rows.getFirst();
        trail.record(event("audit.read", who)
                .resource("audit-entry", Long.toString(seq))
                .patient(entry.event().patientId())
                .build());
        return entry;
    }

    static AuditEvent.Builder event(String action, Requester who) {
        return AuditEvent.builder(action, Outcome.SUCCESS, PurposeOfUse.COMPLIANCE)
                .actor(who.userId(), who.role())
                .source(who.sourceAddress(), null)
                .request(who.requestId());
    }

    private static void filter(StringBuilder sql, List<Object> args, String clause, @Nullable Object value) {
        if (value != null) {
            sql.append(clause);
            args.add(value);
        }
    }

    private static OffsetDateTime utc(Instant t) {
        return OffsetDateTime.ofInstant(t, ZoneOffset.UTC);
    }

    private List<StoredEntry> select(String sql, List<Object> args) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.size(); i++) {
                ps.setObject(i + 1, args.get(i));
            }
            List<StoredEntry> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(StoredEntry.read(rs));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new AuditUnavailableException(e);
        }
    }

    /** No entry has that sequence number. */
    static final class EntryNotFound extends SecureVisitException {
        EntryNotFound() {
            super(Kind.NOT_FOUND, "audit-entry-not-found", "There is no audit entry with this sequence number.");
        }
    }
}
