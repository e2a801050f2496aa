package health.securevisit.compliance.internal;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import health.securevisit.compliance.internal.ComplianceReport.ControlResult;
import health.securevisit.platform.EvidenceSource.Evidence;
import health.securevisit.platform.EvidenceSource.Status;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The report as an OSCAL assessment-results document (OSCAL 1.0.6): one result whose reviewed
 * controls are the catalog's, one observation per check (method TEST, the failing entities as
 * properties) and one finding per control (satisfied only when it passed; a control without evidence
 * is not-satisfied with reason {@code no-evidence}). Every document is validated against NIST's JSON
 * schema ({@code compliance/oscal/}) before it is handed out.
 */
public final class OscalResults {

    static final String OSCAL_VERSION = "1.0.6";
    static final String SCHEMA = "compliance/oscal/oscal_assessment-results_schema.json";
    static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Schema VALIDATOR = loadSchema();

    private OscalResults() {}

    /** The document for {@code report}, validated; ids are derived from the report so that it is reproducible. */
    public static byte[] document(ComplianceReport report, String version) {
        JsonNode doc = build(report, version);
        List<String> problems = validate(doc);
        if (!problems.isEmpty()) {
            throw new IllegalStateException("the OSCAL assessment results do not match NIST's schema: " + problems);
        }
        return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(doc).getBytes(StandardCharsets.UTF_8);
    }

    /** The schema's complaints about {@code document}, empty if it is valid. */
    public static List<String> validate(JsonNode document) {
        return VALIDATOR.validate(document).stream().map(Error::toString).toList();
    }

    static JsonNode build(ComplianceReport report, String version) {
        String at = timestamp(report.computedAt());
        ObjectNode root = JSON.createObjectNode();
        ObjectNode ar = root.putObject("assessment-results");
        ar.put("uuid", uuid(report, "assessment-results"));
        ObjectNode metadata = ar.putObject("metadata");
        metadata.put("title", "SecureVisit compliance report: controls assessed from live evidence");
        metadata.put("last-modified", at);
        metadata.put("version", version);
        metadata.put("oscal-version", OSCAL_VERSION);
        ar.putObject("import-ap").put("href", "#securevisit-control-catalog");
        ObjectNode result = ar.putArray("results").addObject();
        result.put("uuid", uuid(report, "result"));
        result.put("title", "Automated assessment of the running system");
        result.put(
                "description",
                "Each control's status is computed from checks that read the running system's evidence"
                        + (report.nprm2025() ? " (profile: HIPAA Security Rule with the proposed 2025 update)." : "."));
        result.put("start", at);
        result.put("end", timestamp(report.computedAt().plusMillis(report.computeMillis())));
        ArrayNode include = result.putObject("reviewed-controls")
                .putArray("control-selections")
                .addObject()
                .putArray("include-controls");
        report.controls().forEach(c -> include.addObject().put("control-id", c.id()));

        Map<String, String> observationIds = new LinkedHashMap<>();
        Map<String, Evidence> evidence = new LinkedHashMap<>();
        report.checks().forEach(e -> evidence.put(e.check(), e));
        report.controls().forEach(c -> c.evidence().forEach(e -> evidence.putIfAbsent(e.check(), e)));
        ArrayNode observations = result.putArray("observations");
        for (Evidence e : evidence.values()) {
            String id = uuid(report, "observation:" + e.check());
            observationIds.put(e.check(), id);
            ObjectNode o = observations.addObject();
            o.put("uuid", id);
            o.put("title", e.check());
            o.put("description", e.summary());
            ArrayNode props = o.putArray("props");
            props.addObject().put("name", "check-id").put("ns", NS).put("value", e.check());
            props.addObject().put("name", "status").put("ns", NS).put("value", code(e.status()));
            for (String failing : e.failing()) {
                props.addObject().put("name", "failing-entity").put("ns", NS).put("value", failing);
            }
            o.putArray("methods").add("TEST");
            o.put("collected", timestamp(e.observedAt()));
        }
        ArrayNode findings = result.putArray("findings");
        for (ControlResult c : report.controls()) {
            ObjectNode f = findings.addObject();
            f.put("uuid", uuid(report, "finding:" + c.id()));
            f.put("title", c.citation() + " " + c.title());
            f.put("description", description(c));
            ObjectNode target = f.putObject("target");
            target.put("type", "objective-id");
            target.put("target-id", c.id());
            ObjectNode status = target.putObject("status");
            status.put("state", c.status() == Status.PASS ? "satisfied" : "not-satisfied");
            if (c.status() != Status.PASS) {
                status.put("reason", code(c.status()));
            }
            if (!c.evidence().isEmpty()) {
                ArrayNode related = f.putArray("related-observations");
                c.evidence().forEach(e -> related.addObject().put("observation-uuid", observationIds.get(e.check())));
            }
        }
        return root;
    }

    static final String NS = "urn:securevisit:compliance";

    private static String description(ControlResult c) {
        if (c.evidence().isEmpty()) {
            return "No automated check covers this control: no evidence.";
        }
        StringBuilder s = new StringBuilder();
        for (Evidence e : c.evidence()) {
            s.append(e.check())
                    .append(": ")
                    .append(code(e.status()))
                    .append(" (")
                    .append(e.summary())
                    .append("). ");
        }
        return s.toString().strip();
    }

    static String code(Status status) {
        return switch (status) {
            case PASS -> "pass";
            case FAIL -> "fail";
            case NO_EVIDENCE -> "no-evidence";
        };
    }

    static String timestamp(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MILLIS).toString();
    }

    /** A name-based UUID (version 5 layout, SHA-1) of the report's time and a name: stable for one report. */
    static String uuid(ComplianceReport report, String name) {
        byte[] h;
        try {
            h = MessageDigest.getInstance("SHA-1")
                    .digest(("securevisit-oscal|" + report.computedAt() + "|" + name).getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-1", e);
        }
        h[6] = (byte) ((h[6] & 0x0f) | 0x50);
        h[8] = (byte) ((h[8] & 0x3f) | 0x80);
        ByteBuffer b = ByteBuffer.wrap(h, 0, 16);
        return new UUID(b.getLong(), b.getLong()).toString();
    }

    private static Schema loadSchema() {
        try (InputStream in = OscalResults.class.getClassLoader().getResourceAsStream(SCHEMA)) {
            if (in == null) {
                throw new IllegalStateException(SCHEMA + " is missing from the classpath");
            }
            return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7)
                    .getSchema(in);
        } catch (IOException e) {
            throw new IllegalStateException(SCHEMA + " cannot be read", e);
        }
    }
}
