package health.securevisit.detection.internal;

import health.securevisit.audit.AuditFeed;
import health.securevisit.detection.RuleReplay;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.stereotype.Component;

/** {@link RuleReplay} with the rules the live evaluator uses and a fresh engine per call. */
@Component
class DrillReplay implements RuleReplay {

    private final DetectionRunner runner;
    private final LiveFacts facts;
    private final DetectionSettings settings;

    DrillReplay(DetectionRunner runner, LiveFacts facts, DetectionSettings settings) {
        this.runner = runner;
        this.facts = facts;
        this.settings = settings;
    }

    @Override
    public Set<String> firedRules(List<AuditFeed.Entry> entries) {
        RuleEngine engine = new RuleEngine(runner.loaded().rules(), settings.hours(), facts);
        Set<String> fired = new TreeSet<>();
        for (AuditFeed.Entry e : entries) {
            engine.evaluate(new Fields.Entry(e.sequence(), e.time(), e.event()))
                    .forEach(m -> fired.add(m.rule().id()));
        }
        return fired;
    }
}
