package health.securevisit.risk.internal;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The telehealth threat catalog shipped as data ({@code risk/telehealth-threats.json}). */
@Component
public class ThreatCatalog {

    /** One threat with its default levels and the controls that mitigate it. */
    public record Threat(
            String id,
            String title,
            String source,
            String description,
            List<String> assets,
            Level likelihood,
            Level impact,
            List<String> controls) {}

    private final Map<String, Threat> threats = new LinkedHashMap<>();
    private final Map<String, String> controls = new LinkedHashMap<>();

    public ThreatCatalog() {
        JsonNode doc;
        try (InputStream in = ThreatCatalog.class.getResourceAsStream("/risk/telehealth-threats.json")) {
            doc = JsonMapper.builder().build().readTree(in);
        } catch (IOException e) {
            throw new IllegalStateException("the threat catalog is missing from the build", e);
        }
        for (JsonNode t : doc.path("threats")) {
            threats.put(
                    t.path("id").asString(),
                    new Threat(
                            t.path("id").asString(),
                            t.path("title").asString(),
                            t.path("source").asString(),
                            t.path("description").asString(),
                            strings(t.path("assets")),
                            Level.valueOf(t.path("likelihood").asString()),
                            Level.valueOf(t.path("impact").asString()),
                            strings(t.path("controls"))));
        }
        doc.path("controls")
                .properties()
                .forEach(e -> controls.put(e.getKey(), e.getValue().asString()));
    }

    public List<Threat> threats() {
        return List.copyOf(threats.values());
    }

    public Optional<Threat> threat(String id) {
        return Optional.ofNullable(threats.get(id));
    }

    /** Control id to its description. */
    public Map<String, String> controls() {
        return controls;
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asString()));
        return List.copyOf(out);
    }
}
