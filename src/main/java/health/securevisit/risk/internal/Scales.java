package health.securevisit.risk.internal;

import java.io.IOException;
import java.io.InputStream;
import java.util.EnumMap;
import java.util.Map;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * NIST SP 800-30 r1's assessment scales as data ({@code risk/nist-800-30-scales.json}): the level
 * descriptions of likelihood (Table G-5), impact (H-3) and risk (I-3), and the risk matrix (I-2).
 */
@Component
public class Scales {

    static final String RESOURCE = "/risk/nist-800-30-scales.json";

    private final JsonNode document;
    private final Map<Level, Level[]> matrix = new EnumMap<>(Level.class);

    public Scales() {
        try (InputStream in = Scales.class.getResourceAsStream(RESOURCE)) {
            document = JsonMapper.builder().build().readTree(in);
        } catch (IOException e) {
            throw new IllegalStateException("the 800-30 scales are missing from the build", e);
        }
        for (Level likelihood : Level.values()) {
            JsonNode row = document.path("matrix").path(likelihood.name());
            Level[] cells = new Level[5];
            for (int i = 0; i < 5; i++) {
                cells[i] = Level.valueOf(row.get(i).asString());
            }
            matrix.put(likelihood, cells);
        }
    }

    /** The level of risk of a threat event of {@code likelihood} and {@code impact} (Table I-2). */
    public Level risk(Level likelihood, Level impact) {
        return matrix.get(likelihood)[impact.ordinal()];
    }

    /** The whole document, as shipped. */
    public JsonNode document() {
        return document;
    }

    public String label(String scale, Level level) {
        return document.path(scale).path(level.name()).path("label").asString();
    }
}
