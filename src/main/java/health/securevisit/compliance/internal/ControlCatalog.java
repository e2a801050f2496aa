package health.securevisit.compliance.internal;

import health.securevisit.compliance.ComplianceFailure;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The control catalog, as data ({@code compliance/controls.yml}): HIPAA Security Rule standards and
 * implementation specifications, the seed's telehealth checklist and the proposed 2025 update, each
 * control linked to the check ids whose evidence decides it. Checked when loaded: unique ids that
 * are OSCAL tokens, known frameworks, well-formed check ids.
 */
@Component
public class ControlCatalog {

    /** Where a control comes from. */
    public enum Framework {
        HIPAA("hipaa"),
        SEED("seed"),
        NPRM_2025("nprm-2025");

        private final String code;

        Framework(String code) {
            this.code = code;
        }

        public String code() {
            return code;
        }

        static Framework of(String code) {
            for (Framework f : values()) {
                if (f.code.equals(code)) {
                    return f;
                }
            }
            throw new IllegalStateException("compliance/controls.yml: unknown framework " + code);
        }
    }

    /** One control: {@code requirement} is R (required) or A (addressable) as the rule states it. */
    public record Control(
            String id, Framework framework, String citation, String requirement, String title, List<String> checks) {}

    record Row(String id, String framework, String citation, String requirement, String title, List<String> checks) {}

    record File(List<Row> controls) {}

    static final String RESOURCE = "compliance/controls.yml";
    /** OSCAL's token datatype (XML NCName), so that every id can be an OSCAL control-id. */
    static final Pattern ID = Pattern.compile("[a-z][a-z0-9.\\-]{1,80}");

    static final Pattern CHECK = Pattern.compile("[a-z][a-z0-9-]*(\\.[a-z0-9][a-z0-9-]*)+");

    private final Map<String, Control> all;
    private final List<Control> ordered;
    private final boolean nprm2025;

    @Autowired
    ControlCatalog(ComplianceSettings settings) {
        this(load(), settings.nprm2025());
    }

    ControlCatalog(List<Control> controls, boolean nprm2025) {
        Map<String, Control> byId = new LinkedHashMap<>();
        for (Control c : controls) {
            if (byId.putIfAbsent(c.id(), c) != null) {
                throw new IllegalStateException(RESOURCE + ": control id given twice: " + c.id());
            }
        }
        this.all = Map.copyOf(byId);
        this.nprm2025 = nprm2025;
        this.ordered = List.copyOf(byId.values());
    }

    /** Whether the proposed 2025 update is assessed. */
    public boolean nprm2025() {
        return nprm2025;
    }

    /** The controls of the active profile, in catalog order. */
    public List<Control> controls() {
        return ordered.stream()
                .filter(c -> nprm2025 || c.framework() != Framework.NPRM_2025)
                .toList();
    }

    /**
     * The control of the active profile with this id.
     *
     * @throws ComplianceFailure {@code unknown-control} (404) otherwise
     */
    public Control control(String id) {
        Control c = all.get(id);
        if (c == null || (!nprm2025 && c.framework() == Framework.NPRM_2025)) {
            throw ComplianceFailure.unknownControl();
        }
        return c;
    }

    /** How the active profile weighs the control: NPRM makes every specification required. */
    public String effectiveRequirement(Control c) {
        return nprm2025 ? "R" : c.requirement();
    }

    /** Every check id some control of the active profile links to. */
    public Set<String> linkedChecks() {
        Set<String> out = new HashSet<>();
        controls().forEach(c -> out.addAll(c.checks()));
        return out;
    }

    static List<Control> load() {
        YAMLMapper yaml = YAMLMapper.builder()
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .build();
        try (InputStream in = ControlCatalog.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the classpath");
            }
            return yaml.readValue(in, File.class).controls().stream()
                    .map(ControlCatalog::control)
                    .toList();
        } catch (IOException e) {
            throw new IllegalStateException(RESOURCE + " cannot be read", e);
        }
    }

    private static Control control(Row r) {
        if (!ID.matcher(r.id()).matches()) {
            throw new IllegalStateException(RESOURCE + ": control id is not a token: " + r.id());
        }
        if (!r.requirement().equals("R") && !r.requirement().equals("A")) {
            throw new IllegalStateException(RESOURCE + ": requirement must be R or A: " + r.id());
        }
        for (String check : r.checks()) {
            if (!CHECK.matcher(check).matches()) {
                throw new IllegalStateException(RESOURCE + ": malformed check id in " + r.id() + ": " + check);
            }
        }
        return new Control(r.id(), Framework.of(r.framework()), r.citation(), r.requirement(), r.title(), r.checks());
    }
}
