package health.securevisit.audit.internal;

import health.securevisit.audit.AuditUnavailableException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.List;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Retention: entries are kept at least {@code retention} (six years or more). After that they become
 * eligible to leave the database, unless a legal hold covers them. The application never deletes
 * entries; this reports what has expired so that an operator can archive it (docs/audit.md).
 */
@Component
public class Retention {

    public record Status(Period retention, Instant cutoff, long expired, long held, boolean incidentHold) {

        /** Entries past retention and not under any hold. */
        public long eligible() {
            return incidentHold ? 0 : expired - held;
        }
    }

    private final DataSource dataSource;
    private final LegalHolds holds;
    private final AuditSettings settings;

    Retention(DataSource dataSource, LegalHolds holds, AuditSettings settings) {
        this.dataSource = dataSource;
        this.holds = holds;
        this.settings = settings;
    }

    public Status status(Instant now) {
        Instant cutoff =
                now.atOffset(ZoneOffset.UTC).minus(settings.retention()).toInstant();
        List<LegalHolds.Hold> active = holds.active();
        boolean incident = active.stream().anyMatch(h -> h.scope() == LegalHolds.Scope.INCIDENT);
        long expired = count("SELECT COUNT(*) FROM audit_entry WHERE recorded_at < ?", cutoff, null);
        long held = 0;
        for (String patient : active.stream()
                .filter(h -> h.scope() == LegalHolds.Scope.PATIENT)
                .map(LegalHolds.Hold::subjectId)
                .distinct()
                .toList()) {
            held += count("SELECT COUNT(*) FROM audit_entry WHERE recorded_at < ? AND patient_id = ?", cutoff, patient);
        }
        return new Status(settings.retention(), cutoff, expired, Math.min(held, expired), incident);
    }

    private long count(String sql, Instant cutoff, @Nullable String patientId) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setObject(1, OffsetDateTime.ofInstant(cutoff, ZoneOffset.UTC));
            if (patientId != null) {
                ps.setString(2, patientId);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new AuditUnavailableException(e);
        }
    }
}
