package health.securevisit.visit.internal;

import health.securevisit.patient.DataPoint;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Visits and their care teams (tables {@code visit}, {@code visit_clinician}, {@code visit_schedule_lock}). */
@Repository
class Visits {

    /** Visit columns joined with one care-team row each; rows of one visit are folded together. */
    static final String SELECT = "SELECT v.id, v.patient_id, v.start_at, v.duration_minutes, v.modality, v.status,"
            + " v.identity_verified_at, v.verified_by, v.verified_data_points, v.failed_verifications,"
            + " v.flagged_for_review, v.created_at, v.version, c.clinician_id"
            + " FROM visit v JOIN visit_clinician c ON c.visit_id = v.id";

    private final JdbcClient jdbc;

    Visits(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(Visit visit, UUID createdBy) {
        jdbc.sql("INSERT INTO visit (id, patient_id, start_at, end_at, duration_minutes, modality, status,"
                        + " failed_verifications, flagged_for_review, created_by, created_at, updated_at, version)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, 0, FALSE, ?, ?, ?, 0)")
                .params(
                        visit.id(),
                        visit.patientId(),
                        ts(visit.start()),
                        ts(visit.end()),
                        visit.durationMinutes(),
                        visit.modality().name(),
                        visit.status().name(),
                        createdBy,
                        ts(visit.createdAt()),
                        ts(visit.createdAt()))
                .update();
        for (UUID clinician : visit.clinicianIds()) {
            jdbc.sql("INSERT INTO visit_clinician (visit_id, clinician_id) VALUES (?, ?)")
                    .params(visit.id(), clinician)
                    .update();
        }
    }

    /** Saves the state of {@code visit} if nobody changed it since it was read (else {@code visit-changed}). */
    void update(Visit visit, Instant now) {
        int rows = jdbc.sql("UPDATE visit SET status = ?, identity_verified_at = ?, verified_by = ?,"
                        + " verified_data_points = ?, failed_verifications = ?, flagged_for_review = ?,"
                        + " updated_at = ?, version = version + 1 WHERE id = ? AND version = ?")
                .params(
                        visit.status().name(),
                        visit.identityVerifiedAt() == null ? null : ts(visit.identityVerifiedAt()),
                        visit.verifiedBy(),
                        visit.identityVerified() ? names(visit.verifiedDataPoints()) : null,
                        visit.failedVerifications(),
                        visit.flaggedForReview(),
                        ts(now),
                        visit.id(),
                        visit.version())
                .update();
        if (rows != 1) {
            throw VisitException.changed();
        }
    }

    Optional<Visit> find(UUID id) {
        return fold(jdbc.sql(SELECT + " WHERE v.id = ?")
                        .param(id)
                        .query(Visits::row)
                        .list())
                .stream()
                .findFirst();
    }

    /** Visits of {@code clinicianId} (when given) starting in [from, to), by start, at most {@code limit}. */
    List<Visit> list(@Nullable UUID clinicianId, Instant from, Instant to, int limit) {
        String where = " WHERE v.start_at >= ? AND v.start_at < ?";
        List<Object> params = new ArrayList<>(List.of(ts(from), ts(to)));
        if (clinicianId != null) {
            where += " AND v.id IN (SELECT m.visit_id FROM visit_clinician m WHERE m.clinician_id = ?)";
            params.add(clinicianId);
        }
        List<Visit> all = fold(jdbc.sql(SELECT + where + " ORDER BY v.start_at, v.id")
                .params(params)
                .query(Visits::row)
                .list());
        return all.size() > limit ? all.subList(0, limit) : all;
    }

    /**
     * Every visit of the patient of visit {@code visitId}, that visit included, newest first (empty if
     * there is no such visit): the chart's visit and its history in one statement.
     */
    List<Visit> ofPatientOfVisit(UUID visitId) {
        List<Visit> visits =
                fold(jdbc.sql(SELECT + " WHERE v.patient_id = (SELECT o.patient_id FROM visit o WHERE o.id = ?)")
                        .param(visitId)
                        .query(Visits::row)
                        .list());
        visits.sort(Comparator.comparing(Visit::start).reversed());
        return visits;
    }

    /**
     * Locks the schedule of each clinician (in a fixed order, so two creations cannot deadlock) until
     * the transaction ends: a second creation for the same clinician waits here.
     */
    void lockSchedules(Set<UUID> clinicianIds) {
        List<UUID> ordered = clinicianIds.stream().sorted().toList();
        for (UUID clinician : ordered) {
            jdbc.sql("INSERT INTO visit_schedule_lock (clinician_id) VALUES (?) ON CONFLICT DO NOTHING")
                    .param(clinician)
                    .update();
            jdbc.sql("SELECT clinician_id FROM visit_schedule_lock WHERE clinician_id = ? FOR UPDATE")
                    .param(clinician)
                    .query(UUID.class)
                    .single();
        }
    }

    /** Whether any of the clinicians has a visit that is not closed overlapping [start, end). */
    boolean overlaps(Set<UUID> clinicianIds, Instant start, Instant end) {
        String marks = clinicianIds.stream().map(c -> "?").collect(Collectors.joining(", "));
        List<Object> params = new ArrayList<>(clinicianIds);
        params.add(ts(end));
        params.add(ts(start));
        return jdbc.sql("SELECT COUNT(*) FROM visit v JOIN visit_clinician c ON c.visit_id = v.id"
                                + " WHERE c.clinician_id IN (" + marks + ") AND v.start_at < ? AND v.end_at > ?"
                                + " AND v.status NOT IN ('CANCELLED', 'NO_SHOW')")
                        .params(params)
                        .query(Long.class)
                        .single()
                > 0;
    }

    static String names(Set<DataPoint> points) {
        return points.stream().sorted().map(DataPoint::name).collect(Collectors.joining(","));
    }

    static Set<DataPoint> points(@Nullable String names) {
        if (names == null || names.isEmpty()) {
            return Set.of();
        }
        Set<DataPoint> points = EnumSet.noneOf(DataPoint.class);
        int from = 0;
        for (int comma; (comma = names.indexOf(',', from)) >= 0; from = comma + 1) {
            points.add(DataPoint.valueOf(names.substring(from, comma)));
        }
        points.add(DataPoint.valueOf(names.substring(from)));
        return points;
    }

    static Timestamp ts(Instant instant) {
        return Timestamp.from(instant);
    }

    private record Row(Visit visit, UUID clinicianId) {}

    /** One row of {@link #SELECT}, by column name. */
    private static Row row(ResultSet rs, int n) throws SQLException {
        Timestamp verifiedAt = rs.getTimestamp("identity_verified_at");
        Visit visit = new Visit(
                rs.getObject("id", UUID.class),
                rs.getObject("patient_id", UUID.class),
                Set.of(),
                rs.getTimestamp("start_at").toInstant(),
                rs.getInt("duration_minutes"),
                Modality.valueOf(rs.getString("modality")),
                VisitStatus.valueOf(rs.getString("status")),
                verifiedAt == null ? null : verifiedAt.toInstant(),
                rs.getObject("verified_by", UUID.class),
                points(rs.getString("verified_data_points")),
                rs.getInt("failed_verifications"),
                rs.getBoolean("flagged_for_review"),
                rs.getTimestamp("created_at").toInstant(),
                rs.getLong("version"));
        return new Row(visit, rs.getObject("clinician_id", UUID.class));
    }

    /** One visit per visit id, with the care team of all its rows, in the order of the rows. */
    private static List<Visit> fold(List<Row> rows) {
        Map<UUID, Set<UUID>> teams = new LinkedHashMap<>();
        Map<UUID, Visit> first = new HashMap<>();
        for (Row r : rows) {
            UUID id = r.visit().id();
            first.putIfAbsent(id, r.visit());
            teams.computeIfAbsent(id, k -> new HashSet<>()).add(r.clinicianId());
        }
        List<Visit> visits = new ArrayList<>(teams.size());
        for (Map.Entry<UUID, Set<UUID>> team : teams.entrySet()) {
            Visit v = first.get(team.getKey());
            visits.add(new Visit(
                    v.id(),
                    v.patientId(),
                    team.getValue(),
                    v.start(),
                    v.durationMinutes(),
                    v.modality(),
                    v.status(),
                    v.identityVerifiedAt(),
                    v.verifiedBy(),
                    v.verifiedDataPoints(),
                    v.failedVerifications(),
                    v.flaggedForReview(),
                    v.createdAt(),
                    v.version()));
        }
        return visits;
    }
}
