package health.securevisit.detection.internal;

import health.securevisit.audit.Outcome;
import health.securevisit.detection.ResponseAudit;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;

/** The rules in use, the refused files, and adding an organisation rule file (checked before it is stored). */
@Service
public class RuleCatalog {

    static final String PUT = "detection.rule.put";

    /** One rule as listed. */
    public record RuleView(
            String id, String title, String level, @Nullable String correlation) {}

    /** The rules in use and the refused files. */
    public record View(List<RuleView> rules, List<RuleFiles.Refused> refused) {}

    private final DetectionRunner runner;
    private final ResponseAudit audit;

    RuleCatalog(DetectionRunner runner, ResponseAudit audit) {
        this.runner = runner;
        this.audit = audit;
    }

    public View view() {
        return view(runner.loaded());
    }

    /**
     * Stores {@code yaml} as {@code <name>.yml} in the organisation's rule directory and reloads.
     *
     * @throws RuleFormatException (400, with the line) when it is not a valid rule: nothing is stored
     */
    public View put(String name, String yaml) {
        try {
            RuleParser.parse(yaml);
        } catch (RuleFormatException e) {
            audit.record(PUT, Outcome.DENIED, "line-" + e.line(), "detection-rule-file", name);
            throw e;
        }
        Path dir = runner.ruleDir();
        try {
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, name, ".tmp");
            Files.writeString(tmp, yaml, StandardCharsets.UTF_8);
            Files.move(
                    tmp,
                    dir.resolve(name + ".yml"),
                    StandardCopyOption.ATOMIC_MOVE,
                    StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        audit.record(PUT, Outcome.SUCCESS, "stored", "detection-rule-file", name);
        return view(runner.reload());
    }

    private static View view(RuleFiles.Loaded loaded) {
        return new View(
                loaded.rules().stream()
                        .map(r -> new RuleView(
                                r.id(),
                                r.title(),
                                r.level().name(),
                                r.correlation() == null
                                        ? null
                                        : r.correlation().type().name().toLowerCase(Locale.ROOT)))
                        .toList(),
                loaded.refused());
    }
}
