package health.securevisit.detection.internal;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A parsed detection rule. {@code selections} maps each named selection to its alternatives (a
 * selection written as a list of maps matches when any map matches; a map matches when every line
 * matches).
 */
record Rule(
        String id,
        String title,
        Severity level,
        String description,
        Map<String, List<List<FieldMatch>>> selections,
        Condition condition,
        @Nullable Correlation correlation) {

    /** Sigma levels; they become the alert's severity. */
    enum Severity {
        INFORMATIONAL,
        LOW,
        MEDIUM,
        HIGH,
        CRITICAL
    }

    /**
     * A correlation over the rule's own matches, per group (the values of {@code groupBy}) within
     * {@code timespan}: {@code event_count} counts matches, {@code value_count} counts distinct values
     * of {@code field}, {@code temporal_ordered} needs the selections {@code steps} in that order and
     * counts the last step. The count is compared with {@code threshold} by {@code op}; with {@code
     * baseline} it must also be at least that many times the group's own mean count per timespan.
     */
    record Correlation(
            Type type,
            List<Fields> groupBy,
            Duration timespan,
            @Nullable Fields field,
            FieldMatch.Op op,
            long threshold,
            @Nullable Double baseline,
            List<String> steps) {

        enum Type {
            EVENT_COUNT,
            VALUE_COUNT,
            TEMPORAL_ORDERED
        }

        boolean satisfied(long count) {
            return switch (op) {
                case GT -> count > threshold;
                case GTE -> count >= threshold;
                case LT -> count < threshold;
                case LTE -> count <= threshold;
                default -> count == threshold;
            };
        }
    }

    boolean matches(Fields.Entry entry, java.time.ZoneId zone, Facts facts) {
        return condition.test(name -> selected(name, entry, zone, facts));
    }

    boolean selected(String name, Fields.Entry entry, java.time.ZoneId zone, Facts facts) {
        for (List<FieldMatch> alternative : selections.get(name)) {
            boolean all = true;
            for (FieldMatch m : alternative) {
                if (!m.matches(entry, zone, facts)) {
                    all = false;
                    break;
                }
            }
            if (all) {
                return true;
            }
        }
        return false;
    }
}
