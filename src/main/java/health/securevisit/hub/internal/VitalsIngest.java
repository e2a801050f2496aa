package health.securevisit.hub.internal;

import health.securevisit.audit.Outcome;
import health.securevisit.keys.FieldBinding;
import health.securevisit.keys.FieldEncryption;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Takes a hub's batch of readings: parses and checks all of it first (any bad reading refuses the
 * whole batch, audited, nothing stored), judges the uplink report, then stores the readings as
 * encrypted FHIR Observations in one transaction, skipping reading ids the hub already sent
 * (idempotent), raising clinical alerts, and records one audit event for the batch. The patient is
 * the one the hub's certificate is bound to; a body naming another is refused and audited.
 */
@Service
public class VitalsIngest {

    static final Pattern READING_ID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");
    static final String ACTION = "hub.observations.ingest";

    /** The batch as sent: exactly these fields. */
    record Batch(
            @Nullable Uplink uplink,
            @Nullable String patientId,
            @Nullable List<ReadingBody> readings) {}

    record Uplink(@Nullable String mode, @Nullable String id) {}

    /** One reading; the value fields are JSON nodes so that a non-numeric value gets its own error. */
    record ReadingBody(
            @Nullable String id,
            @Nullable String code,
            @Nullable String time,
            @Nullable JsonNode value,
            @Nullable JsonNode systolic,
            @Nullable JsonNode diastolic) {}

    /** What was done with a batch. */
    public record Receipt(
            int accepted,
            int duplicates,
            int quarantined,
            int alerts,
            boolean nonCompliant,
            @Nullable String reason) {}

    private final Hubs hubs;
    private final HubAudit audit;
    private final FieldEncryption fields;
    private final HubSettings settings;
    private final JsonMapper json;
    private final JdbcClient jdbc;
    private final JdbcOperations jdbcOps;
    private final TransactionTemplate transactions;
    private final Clock clock;

    VitalsIngest(
            Hubs hubs,
            HubAudit audit,
            FieldEncryption fields,
            HubSettings settings,
            JsonMapper json,
            JdbcClient jdbc,
            JdbcOperations jdbcOps,
            TransactionTemplate transactions,
            Clock clock) {
        this.hubs = hubs;
        this.audit = audit;
        this.fields = fields;
        this.settings = settings;
        this.json = json;
        this.jdbc = jdbc;
        this.jdbcOps = jdbcOps;
        this.transactions = transactions;
        this.clock = clock;
    }

    public Receipt ingest(HubPrincipal hub, byte[] body) {
        Instant now = clock.instant();
        Batch batch;
        List<VitalsFhir.Reading> readings;
        NetworkMode reportedMode;
        String uplink;
        try {
            batch = parse(body);
            checkPatient(batch, hub);
            Uplink reported = batch.uplink();
            if (reported == null || reported.mode() == null || reported.id() == null) {
                throw HubFailure.invalid("uplink-missing", "Each batch reports its uplink: mode and id.");
            }
            reportedMode = mode(reported.mode());
            uplink = reported.id();
            if (!HubRegistry.UPLINK.matcher(uplink).matches()) {
                throw HubFailure.invalid("uplink-invalid", "The uplink id must be 1 to 64 letters, digits or . _ : -");
            }
            readings = readings(batch, now);
        } catch (HubFailure refused) {
            audit.byHub(
                    ACTION,
                    refused.kind() == HubFailure.Kind.FORBIDDEN ? Outcome.DENIED : Outcome.ERROR,
                    refused.code(),
                    hub.hubId(),
                    hub.patientId(),
                    hub.serial());
            throw refused;
        }
        Hubs.Hub row = hubs.find(hub.hubId()).orElseThrow(HubFailure::unknownHub);
        String violation = NetworkCompliance.check(row.mode(), row.uplink(), reportedMode, uplink);
        Receipt receipt = transactions.execute(tx -> store(hub, row, readings, violation, uplink, now));
        if (violation != null && !row.nonCompliant()) {
            audit.byHub(
                    "hub.network.non-compliant", Outcome.DENIED, violation, hub.hubId(), hub.patientId(), hub.serial());
        }
        audit.byHub(
                ACTION,
                Outcome.SUCCESS,
                receipt.nonCompliant() ? "non-compliant" : null,
                hub.hubId(),
                hub.patientId(),
                hub.serial());
        return receipt;
    }

    private Receipt store(
            HubPrincipal hub,
            Hubs.Hub row,
            List<VitalsFhir.Reading> readings,
            @Nullable String violation,
            String uplink,
            Instant now) {
        if (violation != null) {
            hubs.flag(hub.hubId(), violation, now);
        }
        hubs.seen(hub.hubId(), uplink, now);
        boolean flagged = violation != null || row.nonCompliant();
        String flagReason = violation != null ? violation : row.nonCompliantReason();
        Set<String> known = new HashSet<>(jdbc.sql(
                        "SELECT reading_id FROM hub_observation WHERE hub_id = :hub" + " AND reading_id IN (:ids)")
                .param("hub", hub.hubId())
                .param(
                        "ids",
                        readings.stream().map(VitalsFhir.Reading::readingId).toList())
                .query(String.class)
                .list());
        int accepted = 0;
        int quarantined = 0;
        int alerts = 0;
        List<Object[]> observationRows = new ArrayList<>();
        List<Object[]> alertRows = new ArrayList<>();
        for (VitalsFhir.Reading reading : readings) {
            if (known.contains(reading.readingId())) {
                continue;
            }
            String quarantine = implausible(reading) ? "implausible-value" : flagged ? "hub-non-compliant" : null;
            UUID id = UUID.randomUUID();
            String fhir = VitalsFhir.json(id, reading, hub.patientId(), hub.hubId(), quarantine != null);
            byte[] sealed = fields.encryptText(binding(hub.patientId(), id), fhir);
            observationRows.add(new Object[] {
                id,
                hub.hubId(),
                hub.patientId(),
                reading.readingId(),
                reading.sign().loinc,
                Timestamp.from(reading.effective()),
                quarantine == null ? "final" : "preliminary",
                quarantine,
                flagged,
                sealed,
                Timestamp.from(now)
            });
            accepted++;
            if (quarantine != null) {
                quarantined++;
            }
            String alert = "implausible-value".equals(quarantine) ? null : alertOf(reading);
            if (alert != null) {
                alertRows.add(new Object[] {UUID.randomUUID(), hub.patientId(), id, alert, Timestamp.from(now)});
                alerts++;
            }
        }
        batch(
                "INSERT INTO hub_observation (id, hub_id, patient_id, reading_id, code, effective_at,"
                        + " status, quarantine_reason, non_compliant, resource_enc, received_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                observationRows);
        batch(
                "INSERT INTO hub_clinical_alert (id, patient_id, observation_id, rule, raised_at)"
                        + " VALUES (?, ?, ?, ?, ?)",
                alertRows);
        return new Receipt(
                accepted, readings.size() - accepted, quarantined, alerts, flagged, flagged ? flagReason : null);
    }

    private void batch(String sql, List<Object[]> rows) {
        if (!rows.isEmpty()) {
            jdbcOps.batchUpdate(sql, rows);
        }
    }

    static FieldBinding binding(UUID patientId, UUID observationId) {
        return new FieldBinding("patient:" + patientId, "hub_observation", "resource_enc", observationId.toString());
    }

    private static boolean implausible(VitalsFhir.Reading r) {
        if (!r.sign().plausible(r.value())) {
            return true;
        }
        BigDecimal diastolic = r.diastolic();
        return diastolic != null
                && (diastolic.compareTo(BigDecimal.valueOf(VitalSign.DIASTOLIC_LOW)) < 0
                        || diastolic.compareTo(BigDecimal.valueOf(VitalSign.DIASTOLIC_HIGH)) > 0
                        || diastolic.compareTo(r.value()) >= 0);
    }

    private static @Nullable String alertOf(VitalsFhir.Reading r) {
        String alert = r.sign().alert(r.value());
        if (alert == null
                && r.diastolic() != null
                && r.diastolic().compareTo(BigDecimal.valueOf(VitalSign.DIASTOLIC_ALERT)) > 0) {
            return "blood-pressure-high";
        }
        return alert;
    }

    private Batch parse(byte[] body) {
        try {
            return json.readValue(body, Batch.class);
        } catch (JacksonException e) {
            throw HubFailure.invalid(
                    "batch-unreadable",
                    "The batch is not a JSON object with uplink, readings and optionally patientId.");
        }
    }

    private static void checkPatient(Batch batch, HubPrincipal hub) {
        if (batch.patientId() != null
                && !batch.patientId().equals(hub.patientId().toString())) {
            throw HubFailure.forbidden(
                    "patient-mismatch", "This hub sends readings for the patient its certificate is bound to only.");
        }
    }

    private static NetworkMode mode(String mode) {
        try {
            return NetworkMode.valueOf(mode);
        } catch (IllegalArgumentException e) {
            throw HubFailure.invalid(
                    "uplink-mode-unknown", "The uplink mode is CELLULAR, DEDICATED_SEGMENT or SHARED_HOME.");
        }
    }

    private List<VitalsFhir.Reading> readings(Batch batch, Instant now) {
        List<ReadingBody> sent = batch.readings();
        if (sent == null || sent.isEmpty()) {
            throw HubFailure.invalid("batch-empty", "A batch carries at least one reading.");
        }
        if (sent.size() > settings.maxBatch()) {
            throw HubFailure.invalid(
                    "batch-too-large", "A batch carries at most " + settings.maxBatch() + " readings.");
        }
        Set<String> ids = new HashSet<>();
        List<VitalsFhir.Reading> readings = new ArrayList<>(sent.size());
        for (ReadingBody r : sent) {
            if (r.id() == null || !READING_ID.matcher(r.id()).matches()) {
                throw HubFailure.invalid(
                        "reading-id-invalid", "Each reading has an id of 1 to 64 letters, digits or . _ : -");
            }
            if (!ids.add(r.id())) {
                throw HubFailure.invalid("reading-id-repeated", "A reading id appears twice in the batch.");
            }
            VitalSign sign =
                    r.code() == null ? null : VitalSign.ofCode(r.code()).orElse(null);
            if (sign == null) {
                throw HubFailure.invalid(
                        "unknown-code", "Reading codes are LOINC 8867-4, 2708-6, 59408-5, 85354-9, 29463-7 or 8310-5.");
            }
            Instant time = time(r.time(), now);
            BigDecimal value;
            BigDecimal diastolic = null;
            if (sign == VitalSign.BLOOD_PRESSURE) {
                if (r.value() != null) {
                    throw HubFailure.invalid(
                            "reading-value-invalid", "Blood pressure has systolic and diastolic, no value.");
                }
                value = number(r.systolic(), sign);
                diastolic = number(r.diastolic(), sign);
                if (diastolic.compareTo(BigDecimal.valueOf(VitalSign.DIASTOLIC_MAX)) > 0) {
                    throw outOfRange();
                }
            } else {
                if (r.systolic() != null || r.diastolic() != null) {
                    throw HubFailure.invalid(
                            "reading-value-invalid", "Only blood pressure has systolic and diastolic.");
                }
                value = number(r.value(), sign);
            }
            readings.add(new VitalsFhir.Reading(r.id(), sign, r.code(), time, value, diastolic));
        }
        return readings;
    }

    private Instant time(@Nullable String text, Instant now) {
        Instant time;
        try {
            time = text == null ? null : java.time.OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            time = null;
        }
        if (time == null) {
            throw HubFailure.invalid("reading-time-invalid", "Each reading has a time in ISO 8601 with an offset.");
        }
        if (time.isAfter(now.plus(settings.maxClockSkew()))) {
            throw HubFailure.invalid("reading-in-future", "A reading's time is in the future.");
        }
        if (time.isBefore(now.minus(settings.maxReadingAge()))) {
            throw HubFailure.invalid("reading-too-old", "A reading is older than the server accepts.");
        }
        return time;
    }

    private static BigDecimal number(@Nullable JsonNode node, VitalSign sign) {
        if (node == null || !node.isNumber()) {
            throw HubFailure.invalid("reading-value-invalid", "Reading values are JSON numbers.");
        }
        BigDecimal value = node.decimalValue();
        if (value.scale() > 3 || value.precision() > 10) {
            throw HubFailure.invalid("reading-value-invalid", "Reading values have at most 3 decimals.");
        }
        if (!sign.measurable(value)) {
            throw outOfRange();
        }
        return value;
    }

    private static HubFailure outOfRange() {
        return HubFailure.invalid("reading-out-of-range", "A reading's value is outside what the sign can measure.");
    }
}
