package health.securevisit.incident.internal;

import health.securevisit.incident.IncidentFailure;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The incident data files (docs/incidents.md): the communication plan, the state rules and the drill
 * scenarios; shipped under {@code incident/} on the classpath, replaced by files of the same name in
 * {@code <data dir>/incident/}. Unknown keys are refused.
 */
final class PlanFiles {

    static final YAMLMapper YAML = YAMLMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    /** One step of the communication plan. */
    record Step(String audience, Duration within) {}

    record Plan(Map<String, List<Step>> severities) {}

    record StateRules(List<BreachRules.StateRule> states) {}

    /** A synthetic drill event: {@code after} the start, {@code count} times. */
    record ScenarioEvent(
            Duration after,
            String action,
            String outcome,
            String actor,
            @Nullable String device,
            @Nullable Integer count) {}

    record Scenario(
            String id,
            String title,
            String description,
            List<String> expectedRules,
            List<ScenarioEvent> events,
            List<String> questions) {}

    private PlanFiles() {}

    static Plan plan(Path dataDir) {
        return read(dataDir.resolve("incident/communication-plan.yml"), "incident/communication-plan.yml", Plan.class);
    }

    /** The organisation's state rules, checked ({@link BreachRules#validStateRules}). */
    static List<BreachRules.StateRule> stateRules(Path dataDir) {
        StateRules rules =
                read(dataDir.resolve("incident/state-rules.yml"), "incident/state-rules.yml", StateRules.class);
        return BreachRules.validStateRules(rules.states() == null ? List.of() : rules.states());
    }

    static List<Scenario> scenarios() {
        try {
            List<Scenario> out = new ArrayList<>();
            for (Resource r :
                    new PathMatchingResourcePatternResolver().getResources("classpath*:incident/scenarios/*.yml")) {
                try (InputStream in = r.getInputStream()) {
                    out.add(YAML.readValue(in, Scenario.class));
                }
            }
            out.sort(Comparator.comparing(Scenario::id));
            return List.copyOf(out);
        } catch (IOException e) {
            throw new IllegalStateException("the shipped drill scenarios cannot be read", e);
        }
    }

    private static <T> T read(Path organisation, String shipped, Class<T> type) {
        try {
            if (Files.isRegularFile(organisation)) {
                return YAML.readValue(Files.readString(organisation), type);
            }
            try (InputStream in = new PathMatchingResourcePatternResolver()
                    .getResource("classpath:" + shipped)
                    .getInputStream()) {
                return YAML.readValue(in, type);
            }
        } catch (IOException | RuntimeException e) {
            throw IncidentFailure.invalid("plan-file-invalid", "The data file " + shipped + " cannot be read.");
        }
    }
}
