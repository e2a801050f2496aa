package health.securevisit.detection.internal;

import health.securevisit.detection.internal.YamlTree.Node;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.jspecify.annotations.Nullable;

/**
 * Reads one rule file (one YAML document) in SecureVisit's Sigma subset (docs/detection.md). Any
 * unknown key, field, modifier or value is refused with its line: a rule is used whole or not at all.
 */
final class RuleParser {

    private static final Set<String> TOP = Set.of(
            "title",
            "id",
            "status",
            "description",
            "author",
            "references",
            "date",
            "modified",
            "tags",
            "level",
            "logsource",
            "detection",
            "correlation",
            "falsepositives",
            "fields",
            "name");
    private static final Set<String> CORRELATION = Set.of("type", "group-by", "timespan", "condition", "rules");
    private static final Set<String> COUNT_OPS = Set.of("gt", "gte", "lt", "lte", "eq");
    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{2,31}");
    private static final Pattern SPAN = Pattern.compile("([1-9][0-9]{0,4})([smhd])");
    private static final int MAX_TEXT = 64 * 1024;

    private RuleParser() {}

    static Rule parse(String yaml) {
        if (yaml.length() > MAX_TEXT) {
            throw new RuleFormatException(0, "the rule file is larger than 64 KiB");
        }
        List<Node> docs = YamlTree.documents(yaml);
        if (docs.size() != 1) {
            throw new RuleFormatException(
                    docs.isEmpty() ? 1 : docs.get(1).line(), "a rule file holds exactly one rule");
        }
        Node root = docs.getFirst();
        if (!root.isMap()) {
            throw new RuleFormatException(root.line(), "a rule is a mapping");
        }
        Map<String, Node> top = root.map();
        unknownKeys(top, TOP, "rule");
        String id = scalar(required(top, "id", root), "id");
        if (!ID.matcher(id).matches()) {
            throw new RuleFormatException(top.get("id").line(), "id must be 3-32 characters of a-z, 0-9 and '-'");
        }
        String title = scalar(required(top, "title", root), "title");
        Rule.Severity level = level(required(top, "level", root));
        String description = top.containsKey("description") ? scalar(top.get("description"), "description") : "";
        Node logsource = top.get("logsource");
        if (logsource != null) {
            logsource(logsource);
        }
        Node detection = required(top, "detection", root);
        if (!detection.isMap()) {
            throw new RuleFormatException(detection.line(), "detection is a mapping of selections and a condition");
        }
        Map<String, List<List<FieldMatch>>> selections = new LinkedHashMap<>();
        Node conditionNode = null;
        for (Map.Entry<String, Node> e : detection.map().entrySet()) {
            if (e.getKey().equals("condition")) {
                conditionNode = e.getValue();
            } else if (e.getKey().equals("timeframe")) {
                throw new RuleFormatException(e.getValue().line(), "timeframe is not supported; use a correlation");
            } else {
                selections.put(e.getKey(), selection(e.getValue()));
            }
        }
        if (conditionNode == null) {
            throw new RuleFormatException(detection.line(), "detection needs a condition");
        }
        if (selections.isEmpty()) {
            throw new RuleFormatException(detection.line(), "detection needs at least one selection");
        }
        Condition condition = Condition.parse(scalar(conditionNode, "condition"), selections, conditionNode.line());
        Rule.Correlation correlation =
                top.containsKey("correlation") ? correlation(top.get("correlation"), selections) : null;
        return new Rule(id, title, level, description, Map.copyOf(selections), condition, correlation);
    }

    private static void logsource(Node node) {
        if (!node.isMap()) {
            throw new RuleFormatException(node.line(), "logsource is a mapping");
        }
        for (Map.Entry<String, Node> e : node.map().entrySet()) {
            String want = switch (e.getKey()) {
                case "product" -> "securevisit";
                case "service" -> "audit";
                default ->
                    throw new RuleFormatException(
                            e.getValue().line(),
                            "unknown logsource key '" + RuleFormatException.shown(e.getKey()) + "'");
            };
            if (!want.equals(scalar(e.getValue(), e.getKey()))) {
                throw new RuleFormatException(e.getValue().line(), "logsource " + e.getKey() + " must be " + want);
            }
        }
    }

    private static List<List<FieldMatch>> selection(Node node) {
        List<List<FieldMatch>> alternatives = new ArrayList<>();
        if (node.isMap()) {
            alternatives.add(lines(node));
        } else if (node.isList()
                && !node.list().isEmpty()
                && node.list().stream().allMatch(Node::isMap)) {
            for (Node n : node.list()) {
                alternatives.add(lines(n));
            }
        } else {
            throw new RuleFormatException(node.line(), "a selection is a mapping of fields or a list of them");
        }
        return List.copyOf(alternatives);
    }

    private static List<FieldMatch> lines(Node map) {
        if (map.map().isEmpty()) {
            throw new RuleFormatException(map.line(), "a selection needs at least one field");
        }
        List<FieldMatch> out = new ArrayList<>();
        for (Map.Entry<String, Node> e : map.map().entrySet()) {
            out.add(line(e.getKey(), e.getValue()));
        }
        return List.copyOf(out);
    }

    private static FieldMatch line(String key, Node value) {
        int line = value.line();
        String[] parts = key.split("\\|", -1);
        Fields field = Fields.named(parts[0]);
        if (field == null) {
            throw new RuleFormatException(
                    line,
                    "unknown field '" + RuleFormatException.shown(parts[0]) + "' (known: "
                            + String.join(", ", Fields.names()) + ")");
        }
        FieldMatch.Op op = FieldMatch.Op.EQUALS;
        boolean all = false;
        for (int i = 1; i < parts.length; i++) {
            if (parts[i].equals("all")) {
                all = true;
                continue;
            }
            FieldMatch.Op named = FieldMatch.Op.named(parts[i]);
            if (named == null) {
                throw new RuleFormatException(line, "unknown modifier '" + RuleFormatException.shown(parts[i]) + "'");
            }
            if (op != FieldMatch.Op.EQUALS) {
                throw new RuleFormatException(line, "only one modifier besides 'all' per field");
            }
            op = named;
        }
        List<@Nullable String> values = new ArrayList<>();
        if (value.isList()) {
            for (Node n : value.list()) {
                values.add(valueOf(n));
            }
        } else {
            values.add(valueOf(value));
        }
        if (values.isEmpty()) {
            throw new RuleFormatException(line, "a field needs at least one value");
        }
        if (op.custom() || op == FieldMatch.Op.EXISTS) {
            if (values.size() != 1 || !("true".equals(values.getFirst()) || "false".equals(values.getFirst()))) {
                throw new RuleFormatException(
                        line, "modifier " + op.name().toLowerCase(Locale.ROOT) + " takes true or false");
            }
            Fields needed = op == FieldMatch.Op.OUTSIDE_USUAL_HOURS
                    ? Fields.ACTOR_ID
                    : op == FieldMatch.Op.EXISTS ? field : Fields.PATIENT_ID;
            if (field != needed) {
                throw new RuleFormatException(
                        line, "modifier " + op.name().toLowerCase(Locale.ROOT) + " applies to " + needed.yamlName);
            }
        }
        List<Pattern> patterns = new ArrayList<>();
        for (String v : values) {
            if (v == null && op != FieldMatch.Op.EQUALS) {
                throw new RuleFormatException(line, "null is only compared for equality");
            }
            if (op == FieldMatch.Op.RE && v != null) {
                try {
                    patterns.add(Pattern.compile(v));
                } catch (PatternSyntaxException e) {
                    throw new RuleFormatException(line, "the regular expression does not compile");
                }
            }
            if (op.numeric() && v != null) {
                try {
                    Double.parseDouble(v);
                } catch (NumberFormatException e) {
                    throw new RuleFormatException(line, "a numeric modifier needs a number");
                }
            }
        }
        return new FieldMatch(field, op, all, java.util.Collections.unmodifiableList(values), List.copyOf(patterns));
    }

    private static @Nullable String valueOf(Node n) {
        if (n.isNull()) {
            return null;
        }
        if (!n.isScalar()) {
            throw new RuleFormatException(n.line(), "a field value is a single text or number");
        }
        return n.text();
    }

    private static Rule.Correlation correlation(Node node, Map<String, ?> selections) {
        if (!node.isMap()) {
            throw new RuleFormatException(node.line(), "correlation is a mapping");
        }
        Map<String, Node> c = node.map();
        unknownKeys(c, CORRELATION, "correlation");
        Node typeNode = required(c, "type", node);
        Rule.Correlation.Type type = switch (scalar(typeNode, "type")) {
            case "event_count" -> Rule.Correlation.Type.EVENT_COUNT;
            case "value_count" -> Rule.Correlation.Type.VALUE_COUNT;
            case "temporal_ordered" -> Rule.Correlation.Type.TEMPORAL_ORDERED;
            default ->
                throw new RuleFormatException(
                        typeNode.line(), "correlation type must be event_count, value_count or temporal_ordered");
        };
        List<Fields> groupBy = new ArrayList<>();
        Node groupNode = c.get("group-by");
        if (groupNode != null) {
            for (Node n : groupNode.isList() ? groupNode.list() : List.of(groupNode)) {
                Fields f = Fields.named(scalar(n, "group-by"));
                if (f == null) {
                    throw new RuleFormatException(
                            n.line(), "unknown group-by field '" + RuleFormatException.shown(n.text()) + "'");
                }
                groupBy.add(f);
            }
        }
        Node spanNode = required(c, "timespan", node);
        var span = SPAN.matcher(scalar(spanNode, "timespan"));
        if (!span.matches()) {
            throw new RuleFormatException(spanNode.line(), "timespan is a number and s, m, h or d, such as 10m");
        }
        long amount = Long.parseLong(span.group(1));
        Duration timespan = switch (span.group(2)) {
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            default -> Duration.ofDays(amount);
        };
        if (timespan.compareTo(Duration.ofDays(31)) > 0) {
            throw new RuleFormatException(spanNode.line(), "timespan is at most 31 days");
        }
        Node cond = required(c, "condition", node);
        if (!cond.isMap()) {
            throw new RuleFormatException(cond.line(), "the correlation condition is a mapping such as {gte: 5}");
        }
        FieldMatch.Op op = null;
        long threshold = 0;
        Fields field = null;
        Double baseline = null;
        for (Map.Entry<String, Node> e : cond.map().entrySet()) {
            String k = e.getKey();
            Node v = e.getValue();
            if (COUNT_OPS.contains(k)) {
                if (op != null) {
                    throw new RuleFormatException(v.line(), "one comparison per correlation condition");
                }
                op = k.equals("eq") ? FieldMatch.Op.EQUALS : FieldMatch.Op.named(k);
                threshold = number(v, 1, 1_000_000);
            } else if (k.equals("field")) {
                field = Fields.named(scalar(v, "field"));
                if (field == null) {
                    throw new RuleFormatException(
                            v.line(), "unknown field '" + RuleFormatException.shown(v.text()) + "'");
                }
            } else if (k.equals("baseline")) {
                baseline = (double) number(v, 1, 1000);
            } else {
                throw new RuleFormatException(
                        v.line(), "unknown correlation condition key '" + RuleFormatException.shown(k) + "'");
            }
        }
        if (op == null) {
            throw new RuleFormatException(cond.line(), "the correlation condition needs gt, gte, lt, lte or eq");
        }
        if ((type == Rule.Correlation.Type.VALUE_COUNT) != (field != null)) {
            throw new RuleFormatException(cond.line(), "field is required by value_count and only allowed there");
        }
        List<String> steps = new ArrayList<>();
        Node rules = c.get("rules");
        if (type == Rule.Correlation.Type.TEMPORAL_ORDERED) {
            if (rules == null || !rules.isList() || rules.list().size() < 2) {
                throw new RuleFormatException(
                        node.line(), "temporal_ordered needs rules: a list of two or more selections");
            }
            for (Node n : rules.list()) {
                String name = scalar(n, "rules");
                if (!selections.containsKey(name)) {
                    throw new RuleFormatException(
                            n.line(), "rules names an unknown selection '" + RuleFormatException.shown(name) + "'");
                }
                steps.add(name);
            }
        } else if (rules != null) {
            throw new RuleFormatException(rules.line(), "rules is only used by temporal_ordered");
        }
        return new Rule.Correlation(
                type, List.copyOf(groupBy), timespan, field, op, threshold, baseline, List.copyOf(steps));
    }

    private static long number(Node v, long min, long max) {
        try {
            long n = Long.parseLong(scalar(v, "number"));
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new RuleFormatException(v.line(), "expected a whole number from " + min + " to " + max);
    }

    private static Rule.Severity level(Node node) {
        String text = scalar(node, "level");
        for (Rule.Severity s : Rule.Severity.values()) {
            if (s.name().toLowerCase(Locale.ROOT).equals(text)) {
                return s;
            }
        }
        throw new RuleFormatException(node.line(), "level must be informational, low, medium, high or critical");
    }

    private static void unknownKeys(Map<String, Node> map, Set<String> known, String where) {
        for (Map.Entry<String, Node> e : map.entrySet()) {
            if (!known.contains(e.getKey())) {
                throw new RuleFormatException(
                        e.getValue().line(),
                        "unknown " + where + " key '" + RuleFormatException.shown(e.getKey()) + "'");
            }
        }
    }

    private static Node required(Map<String, Node> map, String key, Node parent) {
        Node n = map.get(key);
        if (n == null) {
            throw new RuleFormatException(parent.line(), "'" + key + "' is required");
        }
        return n;
    }

    private static String scalar(Node n, String what) {
        if (!n.isScalar() || n.text().isBlank()) {
            throw new RuleFormatException(n.line(), what + " must be a non-empty text");
        }
        return n.text();
    }
}
