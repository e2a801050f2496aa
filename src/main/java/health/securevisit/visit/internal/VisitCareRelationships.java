package health.securevisit.visit.internal;

import health.securevisit.access.CareRelationships;
import health.securevisit.access.PatientId;
import health.securevisit.access.VisitFacts;
import health.securevisit.access.VisitId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The care relationships the access decision point asks about: a clinician's visits with a patient
 * (patient-level reads, scheduling), and a visit it was not handed the facts of. One indexed query each
 * (visit joined with its whole care team), no PHI.
 */
@Component
class VisitCareRelationships implements CareRelationships {

    private static final String FACTS = "SELECT v.id, v.patient_id, v.start_at, v.end_at, v.status,"
            + " v.identity_verified_at, c.clinician_id FROM visit v JOIN visit_clinician c ON c.visit_id = v.id";

    private final JdbcClient jdbc;

    VisitCareRelationships(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Optional<VisitFacts> visit(VisitId visitId) {
        return facts(jdbc.sql(FACTS + " WHERE v.id = ?")
                        .param(visitId.value())
                        .query(VisitCareRelationships::row)
                        .list())
                .stream()
                .findFirst();
    }

    @Override
    public List<VisitFacts> visitsWith(UUID clinicianId, PatientId patientId) {
        return facts(jdbc.sql(FACTS + " JOIN visit_clinician mine ON mine.visit_id = v.id AND mine.clinician_id = ?"
                        + " WHERE v.patient_id = ? ORDER BY v.start_at")
                .params(clinicianId, patientId.value())
                .query(VisitCareRelationships::row)
                .list());
    }

    private record Row(
            UUID visitId,
            UUID patientId,
            Instant start,
            Instant end,
            boolean verified,
            boolean closed,
            UUID clinician) {}

    private static Row row(ResultSet rs, int n) throws SQLException {
        return new Row(
                rs.getObject("id", UUID.class),
                rs.getObject("patient_id", UUID.class),
                rs.getTimestamp("start_at").toInstant(),
                rs.getTimestamp("end_at").toInstant(),
                rs.getTimestamp("identity_verified_at") != null,
                VisitStatus.valueOf(rs.getString("status")).closed(),
                rs.getObject("clinician_id", UUID.class));
    }

    private static List<VisitFacts> facts(List<Row> rows) {
        Map<UUID, Set<UUID>> teams = new LinkedHashMap<>();
        Map<UUID, Row> first = new LinkedHashMap<>();
        for (Row r : rows) {
            teams.computeIfAbsent(r.visitId(), k -> new HashSet<>()).add(r.clinician());
            first.putIfAbsent(r.visitId(), r);
        }
        List<VisitFacts> facts = new ArrayList<>(first.size());
        first.forEach((id, r) -> facts.add(
                new VisitFacts(id, r.patientId(), teams.get(id), r.start(), r.end(), r.verified(), r.closed())));
        return facts;
    }
}
