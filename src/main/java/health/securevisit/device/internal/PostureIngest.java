package health.securevisit.device.internal;

import com.fasterxml.jackson.annotation.JsonProperty;
import health.securevisit.audit.AuditEvent;
import health.securevisit.audit.Outcome;
import health.securevisit.identity.CurrentWorkforceUser;
import health.securevisit.identity.WorkforcePrincipal;
import health.securevisit.platform.internal.PayloadTooLargeException;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Posture evidence in: signed MDM webhooks, signed osquery/Fleet policy results, and MDM compliance
 * CSV exports uploaded by a security officer.
 *
 * <p>Guarantees: a machine report is taken only with a valid HMAC-SHA256 signature of its integration
 * ({@code X-SecureVisit-Signature: sha256=<hex>} over {@code <timestamp>.<body>}, timestamp within five
 * minutes, compared in constant time) and is refused as a replay when its report id was seen or it is
 * not newer than the last report of that source for the device. Each report is matched to an inventory
 * device by serial number, stored whole or not at all, and audited (refusals too). A CSV with an
 * unknown or missing column is refused whole; otherwise good rows are taken and bad rows listed with
 * their line.
 */
@Service
public class PostureIngest {

    /** The exact header of a compliance CSV (Intune-style, plus screen lock and antivirus). */
    public static final List<String> CSV_COLUMNS = List.of(
            "deviceName",
            "serialNumber",
            "osVersion",
            "isEncrypted",
            "complianceState",
            "lastSyncDateTime",
            "managedDeviceOwnerType",
            "screenLockTimeoutMinutes",
            "antivirusStatus",
            "antivirusSignatureDateTime");

    static final String CSV_INTEGRATION = "csv-upload";
    static final String CSV_ROW = "device.posture.csv.row";
    /** Row audit records handed to the trail together (bounds the memory of a large upload). */
    static final int AUDIT_CHUNK = 2_000;

    static final Duration SKEW = Duration.ofMinutes(5);
    private static final Set<String> COMPLIANCE_STATES =
            Set.of("compliant", "noncompliant", "ingraceperiod", "unknown", "conflict", "error", "configmanager");

    /** An MDM webhook's body. */
    public record WebhookReport(
            String reportId,
            String serialNumber,
            String reportedAt,
            @Nullable Boolean diskEncrypted,
            @Nullable Integer screenLockMinutes,
            @Nullable Boolean antivirusRunning,
            @Nullable String antivirusSignaturesAt,
            @Nullable String osVersion,
            @Nullable Boolean mdmEnrolled,
            @Nullable Boolean remoteWipe) {}

    /** An osquery/Fleet policy report's body. */
    public record OsqueryReport(
            @JsonProperty("report_id") String reportId,
            @JsonProperty("host_serial") String hostSerial,
            String timestamp,
            List<Policy> policies) {}

    /** One policy result. */
    public record Policy(String name, boolean passes) {}

    /** The outcome of a CSV upload. */
    public record CsvResult(int accepted, List<RowError> rejected) {}

    /** A refused CSV row: its line (the header is line 1) and a code. */
    public record RowError(long line, String problem) {}

    private final Devices devices;
    private final PostureReports reports;
    private final InventoryPostures postures;
    private final DeviceAudit audit;
    private final DeviceSettings settings;
    private final CurrentWorkforceUser current;
    private final JsonMapper json;
    private final TransactionTemplate transactions;
    private final Clock clock;

    PostureIngest(
            Devices devices,
            PostureReports reports,
            InventoryPostures postures,
            DeviceAudit audit,
            DeviceSettings settings,
            CurrentWorkforceUser current,
            JsonMapper json,
            PlatformTransactionManager transactionManager,
            Clock clock) {
        this.devices = devices;
        this.reports = reports;
        this.postures = postures;
        this.audit = audit;
        this.settings = settings;
        this.current = current;
        this.json = json;
        this.transactions = new TransactionTemplate(transactionManager);
        this.clock = clock;
    }

    public UUID webhook(String integration, @Nullable String timestamp, @Nullable String signature, byte[] body) {
        verify(integration, timestamp, signature, body, "device.posture.webhook");
        WebhookReport r = parse(body, WebhookReport.class, integration, "device.posture.webhook");
        Instant reportedAt = instant(r.reportedAt(), "reportedAt");
        Instant signatures = r.antivirusSignaturesAt() == null ? null : instant(r.antivirusSignaturesAt(), "x");
        UUID device = deviceBySerial(r.serialNumber(), integration, "device.posture.webhook");
        return store(
                new PostureReport(
                        device,
                        PostureReport.Source.WEBHOOK,
                        integration,
                        ref(r.reportId()),
                        reportedAt,
                        r.diskEncrypted(),
                        r.screenLockMinutes(),
                        null,
                        r.antivirusRunning(),
                        signatures,
                        null,
                        r.osVersion(),
                        null,
                        r.mdmEnrolled(),
                        r.remoteWipe()),
                "device.posture.webhook");
    }

    public UUID osquery(String integration, @Nullable String timestamp, @Nullable String signature, byte[] body) {
        verify(integration, timestamp, signature, body, "device.posture.osquery");
        OsqueryReport r = parse(body, OsqueryReport.class, integration, "device.posture.osquery");
        Map<String, Boolean> byCheck = new HashMap<>();
        Map<String, String> checkByPolicy = new HashMap<>();
        settings.osqueryPolicies().forEach((check, policy) -> checkByPolicy.put(policy, check));
        for (Policy p : r.policies() == null ? List.<Policy>of() : r.policies()) {
            String check = p == null ? null : checkByPolicy.get(p.name());
            if (check != null) {
                byCheck.put(check, p.passes());
            }
        }
        if (byCheck.isEmpty()) {
            audit.record(null, "device.posture.osquery", Outcome.DENIED, "no-known-policy", null);
            throw DeviceFailure.invalid("The report names none of the configured posture policies.");
        }
        UUID device = deviceBySerial(r.hostSerial(), integration, "device.posture.osquery");
        Boolean mdm = byCheck.get("mdm");
        return store(
                new PostureReport(
                        device,
                        PostureReport.Source.OSQUERY,
                        integration,
                        ref(r.reportId()),
                        instant(r.timestamp(), "timestamp"),
                        byCheck.get("disk-encryption"),
                        null,
                        byCheck.get("screen-lock"),
                        null,
                        null,
                        byCheck.get("antivirus"),
                        null,
                        byCheck.get("os-version"),
                        mdm,
                        mdm),
                "device.posture.osquery");
    }

    /**
     * Imports an MDM compliance export, read as a stream (its body limit is {@link CsvSettings}), in one
     * transaction: if the body grows past the limit, the trail is unavailable or the server fails, no row
     * of it is kept. Each row is audited ({@code device.posture.csv.row}, reason {@code line=N} or {@code
     * line=N:problem}, the matched device as resource), and the upload once more with its counts
     * ({@code device.posture.csv}, reason {@code accepted=N,rejected=M}).
     */
    public CsvResult csv(Reader text) throws PayloadTooLargeException {
        WorkforcePrincipal officer = current.current().orElseThrow(DeviceFailure::notYours);
        try {
            return Objects.requireNonNull(transactions.execute(status -> importCsv(officer, text)));
        } catch (IllegalStateException | IllegalArgumentException | UncheckedIOException e) {
            for (Throwable c = e; c != null; c = c.getCause()) {
                if (c instanceof PayloadTooLargeException tooLarge) {
                    audit.record(officer, "device.posture.csv", Outcome.DENIED, "payload-too-large", null);
                    throw tooLarge;
                }
            }
            audit.record(officer, "device.posture.csv", Outcome.DENIED, "csv-unreadable", null);
            throw DeviceFailure.invalid("The file is not readable as CSV.");
        }
    }

    private CsvResult importCsv(WorkforcePrincipal officer, Reader text) {
        Map<String, UUID> ids = devices.idsBySerial();
        Map<UUID, Instant> latest = reports.latestByDevice(PostureReport.Source.CSV, CSV_INTEGRATION);
        Instant now = clock.instant();
        List<RowError> rejected = new ArrayList<>();
        List<AuditEvent> rowAudit = new ArrayList<>();
        int accepted = 0;
        try (CSVParser parser = CSVFormat.RFC4180
                .builder()
                .setHeader()
                .setSkipHeaderRecord(true)
                .setIgnoreSurroundingSpaces(true)
                .get()
                .parse(text)) {
            List<String> header = parser.getHeaderNames();
            List<String> unknown = header.stream()
                    .filter(h -> !CSV_COLUMNS.contains(h))
                    .map(PostureIngest::printable)
                    .toList();
            List<String> missing =
                    CSV_COLUMNS.stream().filter(c -> !header.contains(c)).toList();
            if (!unknown.isEmpty() || !missing.isEmpty()) {
                audit.record(officer, "device.posture.csv", Outcome.DENIED, "csv-columns-invalid", null);
                throw DeviceFailure.csvColumns(unknown, missing);
            }
            for (CSVRecord row : parser) {
                long line = row.getRecordNumber() + 1;
                UUID device = row.isConsistent() ? ids.get(row.get("serialNumber")) : null;
                try {
                    PostureReport report = csvRow(row, ids);
                    // The reference is serial@time (to the microsecond): a seen one is never newer than the last.
                    if (!report.reportedAt().isAfter(latest.getOrDefault(report.deviceId(), Instant.EPOCH))) {
                        throw new RowProblem("not-newer-than-last-report");
                    }
                    reports.insert(report, now);
                    latest.put(report.deviceId(), report.reportedAt());
                    postures.forget(report.deviceId());
                    accepted++;
                    rowAudit.add(audit.event(
                            officer, CSV_ROW, Outcome.SUCCESS, "line=" + line, "device", report.deviceId()));
                } catch (RowProblem e) {
                    rejected.add(new RowError(line, e.getMessage()));
                    rowAudit.add(audit.event(
                            officer, CSV_ROW, Outcome.DENIED, "line=" + line + ":" + e.getMessage(), "device", device));
                }
                if (rowAudit.size() >= AUDIT_CHUNK) {
                    audit.recordAll(rowAudit);
                    rowAudit.clear();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        audit.recordAll(rowAudit);
        audit.record(
                officer,
                "device.posture.csv",
                rejected.isEmpty() ? Outcome.SUCCESS : Outcome.DENIED,
                "accepted=" + accepted + ",rejected=" + rejected.size(),
                null);
        return new CsvResult(accepted, rejected);
    }

    private PostureReport csvRow(CSVRecord row, Map<String, UUID> ids) {
        if (!row.isConsistent()) {
            throw new RowProblem("wrong-number-of-fields");
        }
        String serial = row.get("serialNumber");
        UUID device = ids.get(serial);
        if (device == null) {
            throw new RowProblem("unknown-device");
        }
        Boolean encrypted = bool(row.get("isEncrypted"), "isEncrypted");
        if (!COMPLIANCE_STATES.contains(row.get("complianceState").toLowerCase(Locale.ROOT))) {
            throw new RowProblem("invalid-complianceState");
        }
        // Microseconds, as both databases store it: the reference then names exactly the stored time.
        Instant synced =
                rowInstant(row.get("lastSyncDateTime"), "lastSyncDateTime").truncatedTo(ChronoUnit.MICROS);
        String owner = row.get("managedDeviceOwnerType").toLowerCase(Locale.ROOT);
        if (!owner.equals("company") && !owner.equals("personal")) {
            throw new RowProblem("invalid-managedDeviceOwnerType");
        }
        int lock;
        try {
            lock = Integer.parseInt(row.get("screenLockTimeoutMinutes"));
        } catch (NumberFormatException e) {
            throw new RowProblem("invalid-screenLockTimeoutMinutes");
        }
        if (lock < 0 || lock > 10_000) {
            throw new RowProblem("invalid-screenLockTimeoutMinutes");
        }
        String av = row.get("antivirusStatus").toLowerCase(Locale.ROOT);
        if (!Set.of("running", "notrunning", "disabled", "unknown").contains(av)) {
            throw new RowProblem("invalid-antivirusStatus");
        }
        String sigText = row.get("antivirusSignatureDateTime");
        Instant signatures = sigText.isEmpty() ? null : rowInstant(sigText, "antivirusSignatureDateTime");
        String os = row.get("osVersion");
        if (os.isEmpty() || os.length() > 32) {
            throw new RowProblem("invalid-osVersion");
        }
        return new PostureReport(
                device,
                PostureReport.Source.CSV,
                CSV_INTEGRATION,
                ref(serial + "@" + synced),
                synced,
                encrypted,
                lock,
                null,
                av.equals("running"),
                signatures,
                null,
                os,
                null,
                true,
                true);
    }

    private UUID store(PostureReport report, String action) {
        if (reports.refSeen(report.source(), report.integration(), report.reportRef())
                || reports.latest(report.deviceId(), report.source(), report.integration())
                        .filter(last -> !report.reportedAt().isAfter(last))
                        .isPresent()) {
            audit.record(null, action, Outcome.DENIED, "report-replayed:" + report.integration(), report.deviceId());
            throw DeviceFailure.replayed();
        }
        audit.record(null, action, Outcome.SUCCESS, report.integration(), report.deviceId());
        reports.insert(report, clock.instant());
        postures.forget(report.deviceId());
        return report.deviceId();
    }

    private void verify(
            String integration, @Nullable String timestamp, @Nullable String signature, byte[] body, String action) {
        DeviceSettings.Integration config = settings.integrations().get(integration);
        boolean ok = false;
        if (config != null && timestamp != null && signature != null && signature.startsWith("sha256=")) {
            try {
                long seconds = Long.parseLong(timestamp);
                Instant at = Instant.ofEpochSecond(seconds);
                Instant now = clock.instant();
                if (!at.isBefore(now.minus(SKEW)) && !at.isAfter(now.plus(SKEW))) {
                    Mac mac = Mac.getInstance("HmacSHA256");
                    mac.init(new SecretKeySpec(config.secret().getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
                    mac.update((timestamp + ".").getBytes(StandardCharsets.US_ASCII));
                    byte[] expected = mac.doFinal(body);
                    byte[] given = HexFormat.of().parseHex(signature.substring("sha256=".length()));
                    ok = MessageDigest.isEqual(expected, given);
                }
            } catch (NumberFormatException | GeneralSecurityException | java.time.DateTimeException e) {
                ok = false;
            } catch (IllegalArgumentException e) { // not hex
                ok = false;
            }
        }
        if (!ok) {
            audit.record(null, action, Outcome.DENIED, "report-signature-invalid", null);
            throw DeviceFailure.signatureInvalid();
        }
    }

    private <T> T parse(byte[] body, Class<T> type, String integration, String action) {
        try {
            T value = json.readValue(body, type);
            if (value == null) {
                throw DeviceFailure.invalid("The report body is empty.");
            }
            return value;
        } catch (JacksonException e) {
            audit.record(null, action, Outcome.DENIED, "report-unreadable:" + integration, null);
            throw DeviceFailure.invalid("The report is not valid JSON of the documented shape.");
        }
    }

    private UUID deviceBySerial(@Nullable String serial, String integration, String action) {
        Optional<UUID> id = serial == null ? Optional.empty() : Optional.ofNullable(devices.idsBySerialOne(serial));
        if (id.isEmpty()) {
            audit.record(null, action, Outcome.DENIED, "unknown-device:" + integration, null);
            throw DeviceFailure.unknownDevice();
        }
        return id.get();
    }

    private static String ref(@Nullable String reportId) {
        if (reportId == null || reportId.isBlank() || reportId.length() > 128) {
            throw DeviceFailure.invalid("A report needs a report id of 1 to 128 characters.");
        }
        return reportId;
    }

    private static Instant instant(@Nullable String text, String field) {
        try {
            return OffsetDateTime.parse(text == null ? "" : text).toInstant();
        } catch (DateTimeParseException e) {
            throw DeviceFailure.invalid("'" + field + "' must be an ISO-8601 date and time with an offset.");
        }
    }

    private static Instant rowInstant(String text, String field) {
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            throw new RowProblem("invalid-" + field);
        }
    }

    private static Boolean bool(String text, String field) {
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "true", "yes" -> Boolean.TRUE;
            case "false", "no" -> Boolean.FALSE;
            default -> throw new RowProblem("invalid-" + field);
        };
    }

    /** A column name as it may be echoed: printable ASCII, at most 64 characters. */
    private static String printable(String name) {
        return name.length() <= 64 && name.chars().allMatch(c -> c >= 0x20 && c < 0x7f) ? name : "(unprintable)";
    }

    /** A bad CSV row (its code is the message). */
    private static final class RowProblem extends RuntimeException {
        private static final long serialVersionUID = 1L;

        RowProblem(String code) {
            super(code, null, false, false);
        }
    }
}
