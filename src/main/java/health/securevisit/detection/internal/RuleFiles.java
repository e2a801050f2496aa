package health.securevisit.detection.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * Loads the shipped rules (classpath {@code detection/rules/*.yml}) and the organisation's own
 * ({@code <data dir>/detection/rules/*.yml}). A file that fails to parse is refused with its line
 * and the others are used; an organisation rule with the id of a shipped one replaces it.
 */
public final class RuleFiles {

    /** A refused file: its name, the line and what is wrong (no file content). */
    public record Refused(String file, int line, String problem) {}

    /** The rules in use and the files refused. */
    record Loaded(List<Rule> rules, List<Refused> refused) {}

    private RuleFiles() {}

    static Loaded load(Path organisationDir) {
        List<Named> files = new ArrayList<>(shipped());
        if (Files.isDirectory(organisationDir)) {
            try (Stream<Path> s = Files.list(organisationDir)) {
                for (Path p : s.filter(f -> f.getFileName().toString().endsWith(".yml"))
                        .sorted(Comparator.comparing(Path::toString))
                        .toList()) {
                    files.add(new Named("data:" + p.getFileName(), Files.readString(p, StandardCharsets.UTF_8)));
                }
            } catch (IOException e) {
                files.add(new Named("data:" + organisationDir.getFileName(), null));
            }
        }
        return parse(files);
    }

    record Named(String name, String text) {}

    static Loaded parse(List<Named> files) {
        List<Rule> rules = new ArrayList<>();
        List<Refused> refused = new ArrayList<>();
        for (Named f : files) {
            if (f.text() == null) {
                refused.add(new Refused(f.name(), 0, "the file could not be read"));
                continue;
            }
            try {
                Rule r = RuleParser.parse(f.text());
                rules.removeIf(old -> old.id().equals(r.id()));
                rules.add(r);
            } catch (RuleFormatException e) {
                refused.add(new Refused(f.name(), e.line(), e.problem()));
            } catch (RuntimeException e) {
                refused.add(new Refused(f.name(), 0, "the file could not be read as a rule"));
            }
        }
        Set<String> seen = new HashSet<>();
        rules.removeIf(r -> !seen.add(r.id()));
        return new Loaded(List.copyOf(rules), List.copyOf(refused));
    }

    static List<Named> shipped() {
        try {
            List<Named> out = new ArrayList<>();
            Resource[] found =
                    new PathMatchingResourcePatternResolver().getResources("classpath*:detection/rules/*.yml");
            for (Resource r : found) {
                try (InputStream in = r.getInputStream()) {
                    out.add(new Named(
                            "shipped:" + r.getFilename(), new String(in.readAllBytes(), StandardCharsets.UTF_8)));
                }
            }
            out.sort(Comparator.comparing(Named::name));
            return out;
        } catch (IOException e) {
            throw new IllegalStateException("the shipped detection rules cannot be read", e);
        }
    }
}
