package health.securevisit.records.internal;

import health.securevisit.records.ConsentAnswer;
import health.securevisit.records.ConsentKind;
import health.securevisit.records.ConsentRecord;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The consent table: answers are codes, nothing free-text. */
@Component
class ConsentRows {

    private static final String COLUMNS =
            "id, visit_id, patient_id, kind, answer, form_url, form_version, recorded_by, attested, recorded_at";

    private final JdbcClient jdbc;

    ConsentRows(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(ConsentRecord c) {
        jdbc.sql("INSERT INTO records_consent (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(
                        c.id(),
                        c.visitId(),
                        c.patientId(),
                        c.kind().name(),
                        c.answer().name(),
                        c.formUrl(),
                        c.formVersion(),
                        c.recordedBy(),
                        c.attested(),
                        ArtifactRows.ts(c.recordedAt()))
                .update();
    }

    /** Every decision of the visit, oldest first. */
    List<ConsentRecord> ofVisit(UUID visitId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM records_consent WHERE visit_id = ? ORDER BY seq")
                .param(visitId)
                .query(ConsentRows::row)
                .list();
    }

    /** The newest decision of {@code kind} for the visit. */
    Optional<ConsentRecord> current(UUID visitId, ConsentKind kind) {
        List<ConsentRecord> all = jdbc.sql(
                        "SELECT " + COLUMNS + " FROM records_consent WHERE visit_id = ? AND kind = ? ORDER BY seq DESC")
                .params(visitId, kind.name())
                .query(ConsentRows::row)
                .list();
        return all.stream().findFirst();
    }

    private static ConsentRecord row(ResultSet rs, int n) throws SQLException {
        return new ConsentRecord(
                rs.getObject("id", UUID.class),
                rs.getObject("visit_id", UUID.class),
                rs.getObject("patient_id", UUID.class),
                ConsentKind.valueOf(rs.getString("kind")),
                ConsentAnswer.valueOf(rs.getString("answer")),
                rs.getString("form_url"),
                rs.getString("form_version"),
                rs.getObject("recorded_by", UUID.class),
                rs.getBoolean("attested"),
                rs.getTimestamp("recorded_at").toInstant());
    }
}
