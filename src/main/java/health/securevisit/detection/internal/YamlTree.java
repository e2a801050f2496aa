package health.securevisit.detection.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * YAML read with Jackson's streaming parser into a small tree that remembers each node's line, so
 * that a rule error names the line it is on. Duplicate keys are refused.
 */
final class YamlTree {

    private static final YAMLMapper MAPPER = YAMLMapper.builder().build();

    /** A node: a map (keys in order), a list, a scalar string, or null; with its 1-based line. */
    record Node(Object value, int line) {

        boolean isMap() {
            return value instanceof Map;
        }

        boolean isList() {
            return value instanceof List;
        }

        boolean isScalar() {
            return value instanceof String;
        }

        boolean isNull() {
            return value == NULL;
        }

        @SuppressWarnings("unchecked")
        Map<String, Node> map() {
            return (Map<String, Node>) value;
        }

        @SuppressWarnings("unchecked")
        List<Node> list() {
            return (List<Node>) value;
        }

        String text() {
            return (String) value;
        }
    }

    static final Object NULL = new Object();

    private YamlTree() {}

    /** Parses every document of {@code yaml}. @throws RuleFormatException with the line of a syntax error */
    static List<Node> documents(String yaml) {
        List<Node> docs = new ArrayList<>();
        try (JsonParser p = MAPPER.createParser(yaml)) {
            JsonToken t;
            while ((t = p.nextToken()) != null) {
                docs.add(read(p, t));
            }
        } catch (JacksonException e) {
            int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
            throw new RuleFormatException(line, "the YAML is not well formed");
        }
        return docs;
    }

    private static Node read(JsonParser p, JsonToken t) {
        int line = p.currentTokenLocation().getLineNr();
        return switch (t) {
            case START_OBJECT -> {
                Map<String, Node> map = new LinkedHashMap<>();
                JsonToken next;
                while ((next = p.nextToken()) == JsonToken.PROPERTY_NAME) {
                    String name = p.currentName();
                    int keyLine = p.currentTokenLocation().getLineNr();
                    if (map.containsKey(name)) {
                        throw new RuleFormatException(
                                keyLine, "duplicate key '" + RuleFormatException.shown(name) + "'");
                    }
                    map.put(name, read(p, p.nextToken()));
                }
                if (next != JsonToken.END_OBJECT) {
                    throw new RuleFormatException(line, "a mapping is not closed");
                }
                yield new Node(map, line);
            }
            case START_ARRAY -> {
                List<Node> list = new ArrayList<>();
                JsonToken next;
                while ((next = p.nextToken()) != JsonToken.END_ARRAY && next != null) {
                    list.add(read(p, next));
                }
                yield new Node(list, line);
            }
            case VALUE_NULL -> new Node(NULL, line);
            case VALUE_STRING, VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT, VALUE_TRUE, VALUE_FALSE ->
                new Node(p.getString(), line);
            default -> throw new RuleFormatException(line, "unexpected YAML content");
        };
    }
}
