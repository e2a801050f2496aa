package health.securevisit.audit.internal;

import health.securevisit.audit.AuditTrail;
import health.securevisit.audit.AuditUnavailableException;
import health.securevisit.platform.SecureVisitException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.springframework.stereotype.Component;

/**
 * Legal holds on a patient or an incident. While a hold is active nothing it covers expires: a
 * patient hold covers that patient's entries, an incident hold the whole trail. Placing and releasing
 * a hold are audited.
 */
@Component
public class LegalHolds implements health.securevisit.audit.LegalHoldStatus {

    public enum Scope {
        PATIENT,
        INCIDENT
    }

    public record Hold(UUID id, Scope scope, String subjectId, String reason, String placedBy, Instant placedAt) {}

    private final DataSource dataSource;
    private final AuditTrail trail;
    private final Clock clock;

    LegalHolds(DataSource dataSource, AuditTrail trail, Clock clock) {
        this.clock = clock;
        this.dataSource = dataSource;
        this.trail = trail;
    }

    public Hold place(Scope scope, String subjectId, String reason, Requester who) {
        Hold hold = new Hold(UUID.randomUUID(), scope, subjectId, reason, who.userId(), clock.instant());
        trail.record(AuditSearch.event("audit.legal-hold.place", who)
                .resource("legal-hold", hold.id().toString())
                .patient(scope == Scope.PATIENT ? subjectId : null)
                .reason(reason)
                .build());
        update(
                "INSERT INTO audit_legal_hold (id, scope, subject_id, reason, placed_by, placed_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?)",
                hold.id(),
                scope.name(),
                subjectId,
                reason,
                who.userId(),
                utc(hold.placedAt()));
        return hold;
    }

    public void release(UUID id, Requester who) {
        if (active().stream().noneMatch(h -> h.id().equals(id))) {
            throw new HoldNotFound();
        }
        trail.record(AuditSearch.event("audit.legal-hold.release", who)
                .resource("legal-hold", id.toString())
                .build());
        update(
                "UPDATE audit_legal_hold SET released_by = ?, released_at = ? WHERE id = ? AND released_at IS NULL",
                who.userId(),
                utc(clock.instant()),
                id);
    }

    @Override
    public boolean holds(UUID patientId) {
        return active().stream()
                .anyMatch(h -> h.scope() == Scope.INCIDENT || h.subjectId().equals(patientId.toString()));
    }

    public List<Hold> active() {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT id, scope, subject_id, reason, placed_by, placed_at"
                        + " FROM audit_legal_hold WHERE released_at IS NULL ORDER BY placed_at");
                ResultSet rs = ps.executeQuery()) {
            List<Hold> out = new ArrayList<>();
            while (rs.next()) {
                out.add(new Hold(
                        rs.getObject(1, UUID.class),
                        Scope.valueOf(rs.getString(2)),
                        rs.getString(3),
                        rs.getString(4),
                        rs.getString(5),
                        rs.getObject(6, OffsetDateTime.class).toInstant()));
            }
            return out;
        } catch (SQLException e) {
            throw new AuditUnavailableException(e);
        }
    }

    private void update(String sql, Object... args) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new AuditUnavailableException(e);
        }
    }

    private static OffsetDateTime utc(Instant t) {
        return OffsetDateTime.ofInstant(t, ZoneOffset.UTC);
    }

    /** No active hold has that id. */
    static final class HoldNotFound extends SecureVisitException {
        HoldNotFound() {
            super(Kind.NOT_FOUND, "legal-hold-not-found", "There is no active legal hold with this id.");
        }
    }
}
