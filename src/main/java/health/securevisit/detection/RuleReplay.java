package health.securevisit.detection;

import health.securevisit.audit.AuditFeed;
import java.util.List;
import java.util.Set;

/**
 * Evaluates the rules in use over entries that are not in the audit trail (tabletop drills), with a
 * fresh engine: nothing is stored, no alert is raised, the live evaluator's state is untouched.
 */
public interface RuleReplay {

    /** The ids of the rules that fired on {@code entries} (in sequence order). */
    Set<String> firedRules(List<AuditFeed.Entry> entries);
}
