package health.securevisit.hub.internal;

import health.securevisit.keys.FieldEncryption;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.hl7.fhir.r4.model.Observation;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * What the care team sees of a patient's remote monitoring (after the access decision point allowed
 * it): final readings and their trend per vital sign, the quarantine (preliminary readings and why),
 * clinical alerts, the hubs with their network-compliance flags, and the daily cadence monitor.
 * Completed days of the monitor are written to {@code hub_daily_monitor} once, as evidence.
 */
@Service
public class VitalsView {

    /** Vital signs that make a full set (weight is taken once a day, so not part of a set). */
    static final List<VitalSign> SET = List.of(
            VitalSign.HEART_RATE, VitalSign.OXYGEN_SATURATION, VitalSign.BLOOD_PRESSURE, VitalSign.BODY_TEMPERATURE);

    /** Full sets a day the hospital-at-home cadence expects. */
    public static final int DAILY_TARGET = 2;

    static final int MAX_ROWS = 5000;

    public record Reading(
            String id,
            String readingId,
            String code,
            String display,
            Instant effectiveAt,
            BigDecimal value,
            @Nullable BigDecimal diastolic,
            String unit,
            String status,
            @Nullable String quarantineReason,
            boolean nonCompliant,
            String hubId) {}

    public record Trend(
            String code,
            String display,
            String unit,
            int count,
            BigDecimal latest,
            @Nullable BigDecimal latestDiastolic,
            Instant latestAt,
            @Nullable BigDecimal change,
            BigDecimal mean) {}

    public record Alert(String rule, String observationId, Instant raisedAt) {}

    public record Day(LocalDate day, int fullSets, boolean belowTarget, boolean complete) {}

    public record HubStatus(
            String hubId,
            String networkMode,
            String status,
            boolean nonCompliant,
            @Nullable String nonCompliantReason,
            @Nullable Instant nonCompliantSince,
            @Nullable String lastUplink,
            @Nullable Instant lastSeenAt) {

        static HubStatus of(Hubs.Hub hub) {
            return new HubStatus(
                    hub.id().toString(),
                    hub.mode().name(),
                    hub.status(),
                    hub.nonCompliant(),
                    hub.nonCompliantReason(),
                    hub.nonCompliantSince(),
                    hub.lastUplink(),
                    hub.lastSeenAt());
        }
    }

    public record Report(
            String patientId,
            int days,
            List<Trend> trends,
            List<Reading> readings,
            List<Reading> quarantine,
            List<Alert> alerts,
            List<Day> monitor,
            List<HubStatus> hubs) {}

    private final JdbcClient jdbc;
    private final FieldEncryption fields;
    private final Hubs hubs;
    private final Clock clock;

    VitalsView(JdbcClient jdbc, FieldEncryption fields, Hubs hubs, Clock clock) {
        this.jdbc = jdbc;
        this.fields = fields;
        this.hubs = hubs;
        this.clock = clock;
    }

    public Report report(UUID patientId, int days) {
        Instant now = clock.instant();
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        LocalDate first = today.minusDays(days - 1L);
        Instant from = first.atStartOfDay(ZoneOffset.UTC).toInstant();
        List<Reading> all = readings(patientId, from);
        List<Reading> finals =
                all.stream().filter(r -> r.status().equals("final")).toList();
        List<Reading> quarantine =
                all.stream().filter(r -> !r.status().equals("final")).toList();
        List<Hubs.Hub> patientHubs = hubs.ofPatient(patientId);
        return new Report(
                patientId.toString(),
                days,
                trends(finals),
                finals,
                quarantine,
                alerts(patientId, from),
                monitor(patientId, patientHubs, finals, first, today, now),
                patientHubs.stream().map(HubStatus::of).toList());
    }

    private List<Reading> readings(UUID patientId, Instant from) {
        record Row(
                UUID id,
                String readingId,
                String status,
                @Nullable String reason,
                boolean nonCompliant,
                UUID hubId,
                byte[] sealed) {}
        List<Row> rows = jdbc.sql("SELECT id, reading_id, status, quarantine_reason, non_compliant, hub_id,"
                        + " resource_enc FROM hub_observation WHERE patient_id = ? AND effective_at >= ?"
                        + " ORDER BY effective_at DESC LIMIT " + MAX_ROWS)
                .params(patientId, Timestamp.from(from))
                .query((rs, n) -> new Row(
                        rs.getObject(1, UUID.class),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getString(4),
                        rs.getBoolean(5),
                        rs.getObject(6, UUID.class),
                        rs.getBytes(7)))
                .list();
        List<Reading> readings = new ArrayList<>(rows.size());
        for (Row row : rows) {
            Observation obs =
                    VitalsFhir.parse(fields.decryptText(VitalsIngest.binding(patientId, row.id()), row.sealed()));
            String code = obs.getCode().getCodingFirstRep().getCode();
            VitalSign sign = VitalSign.ofCode(code).orElseThrow();
            readings.add(new Reading(
                    row.id().toString(),
                    row.readingId(),
                    code,
                    sign.display,
                    obs.getEffectiveDateTimeType().getValue().toInstant(),
                    VitalsFhir.value(obs),
                    VitalsFhir.diastolic(obs),
                    sign.unitDisplay,
                    row.status(),
                    row.reason(),
                    row.nonCompliant(),
                    row.hubId().toString()));
        }
        return readings;
    }

    private static List<Trend> trends(List<Reading> finals) {
        Map<VitalSign, List<Reading>> bySign = new EnumMap<>(VitalSign.class);
        for (Reading r : finals) {
            bySign.computeIfAbsent(VitalSign.ofCode(r.code()).orElseThrow(), s -> new ArrayList<>())
                    .add(r);
        }
        List<Trend> trends = new ArrayList<>();
        bySign.forEach((sign, list) -> {
            list.sort(Comparator.comparing(Reading::effectiveAt).reversed());
            Reading latest = list.getFirst();
            BigDecimal change =
                    list.size() > 1 ? latest.value().subtract(list.get(1).value()) : null;
            BigDecimal sum = list.stream().map(Reading::value).reduce(BigDecimal.ZERO, BigDecimal::add);
            trends.add(new Trend(
                    sign.loinc,
                    sign.display,
                    sign.unitDisplay,
                    list.size(),
                    latest.value(),
                    latest.diastolic(),
                    latest.effectiveAt(),
                    change,
                    sum.divide(BigDecimal.valueOf(list.size()), 1, RoundingMode.HALF_UP)));
        });
        return trends;
    }

    private List<Alert> alerts(UUID patientId, Instant from) {
        return jdbc.sql("SELECT rule, observation_id, raised_at FROM hub_clinical_alert WHERE patient_id = ?"
                        + " AND raised_at >= ? ORDER BY raised_at DESC LIMIT 200")
                .params(patientId, Timestamp.from(from))
                .query((rs, n) -> new Alert(
                        rs.getString(1),
                        rs.getObject(2, UUID.class).toString(),
                        rs.getTimestamp(3).toInstant()))
                .list();
    }

    /**
     * Per UTC day since the first hub enrolled: full sets = the fewest final readings of any vital of
     * {@link #SET} that day. A completed day is stored once (evidence) and read back from then on.
     */
    private List<Day> monitor(
            UUID patientId,
            List<Hubs.Hub> patientHubs,
            List<Reading> finals,
            LocalDate first,
            LocalDate today,
            Instant now) {
        Optional<LocalDate> enrolled = patientHubs.stream()
                .map(Hubs.Hub::enrolledAt)
                .filter(java.util.Objects::nonNull)
                .map(at -> LocalDate.ofInstant(at, ZoneOffset.UTC))
                .min(Comparator.naturalOrder());
        if (enrolled.isEmpty()) {
            return List.of();
        }
        Map<LocalDate, Day> stored = new java.util.HashMap<>();
        jdbc.sql("SELECT monitor_day, full_sets, below_target FROM hub_daily_monitor WHERE patient_id = ?"
                        + " AND monitor_day >= ?")
                .params(patientId, Date.valueOf(first))
                .query((rs, n) -> new Day(rs.getDate(1).toLocalDate(), rs.getInt(2), rs.getBoolean(3), true))
                .list()
                .forEach(d -> stored.put(d.day(), d));
        List<Day> days = new ArrayList<>();
        for (LocalDate day = today; !day.isBefore(first) && !day.isBefore(enrolled.get()); day = day.minusDays(1)) {
            Day known = stored.get(day);
            if (known != null) {
                days.add(known);
                continue;
            }
            int sets = fullSets(finals, day);
            boolean complete = day.isBefore(today);
            Day computed = new Day(day, sets, sets < DAILY_TARGET, complete);
            if (complete) {
                keep(patientId, computed, now);
            }
            days.add(computed);
        }
        return days;
    }

    static int fullSets(List<Reading> finals, LocalDate day) {
        Instant start = day.atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant end = start.plus(Duration.ofDays(1));
        int sets = Integer.MAX_VALUE;
        for (VitalSign sign : SET) {
            int count = (int) finals.stream()
                    .filter(r -> VitalSign.ofCode(r.code()).orElseThrow() == sign)
                    .filter(r ->
                            !r.effectiveAt().isBefore(start) && r.effectiveAt().isBefore(end))
                    .count();
            sets = Math.min(sets, count);
        }
        return sets;
    }

    private void keep(UUID patientId, Day day, Instant now) {
        try {
            jdbc.sql("INSERT INTO hub_daily_monitor (patient_id, monitor_day, full_sets, below_target, evaluated_at)"
                            + " VALUES (?, ?, ?, ?, ?)")
                    .params(patientId, Date.valueOf(day.day()), day.fullSets(), day.belowTarget(), Timestamp.from(now))
                    .update();
        } catch (DuplicateKeyException alreadyKept) {
            // kept by a concurrent view
        }
    }
}
