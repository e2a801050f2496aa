package health.securevisit.detection.internal;

import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * One {@code field|modifier...: values} line of a selection. Values are alternatives (any matches)
 * unless the {@code all} modifier is given. Sigma modifiers: {@code contains}, {@code startswith},
 * {@code endswith}, {@code re}, {@code gt}, {@code gte}, {@code lt}, {@code lte}, {@code all},
 * {@code exists}. Ours, each with the value {@code true} (or {@code false} for its negation):
 * {@code no_care_relationship} (on {@code patientId}), {@code outside_usual_hours} (on
 * {@code actorId}) and {@code workforce_member} (on {@code patientId}).
 */
record FieldMatch(Fields field, Op op, boolean all, List<@Nullable String> values, List<Pattern> patterns) {

    enum Op {
        EQUALS,
        CONTAINS,
        STARTSWITH,
        ENDSWITH,
        RE,
        GT,
        GTE,
        LT,
        LTE,
        EXISTS,
        NO_CARE_RELATIONSHIP,
        OUTSIDE_USUAL_HOURS,
        WORKFORCE_MEMBER;

        boolean custom() {
            return this == NO_CARE_RELATIONSHIP || this == OUTSIDE_USUAL_HOURS || this == WORKFORCE_MEMBER;
        }

        boolean numeric() {
            return this == GT || this == GTE || this == LT || this == LTE;
        }

        static @Nullable Op named(String name) {
            for (Op op : values()) {
                if (op != EQUALS && op.name().toLowerCase(Locale.ROOT).equals(name)) {
                    return op;
                }
            }
            return null;
        }
    }

    boolean matches(Fields.Entry entry, ZoneId zone, Facts facts) {
        @Nullable String actual = field.of(entry, zone);
        if (op.custom() || op == Op.EXISTS) {
            boolean wanted = Boolean.parseBoolean(values.getFirst());
            return special(actual, entry, facts) == wanted;
        }
        if (all) {
            for (int i = 0; i < values.size(); i++) {
                if (!one(actual, i)) {
                    return false;
                }
            }
            return true;
        }
        for (int i = 0; i < values.size(); i++) {
            if (one(actual, i)) {
                return true;
            }
        }
        return false;
    }

    private boolean special(@Nullable String actual, Fields.Entry entry, Facts facts) {
        if (op == Op.EXISTS) {
            return actual != null;
        }
        if (actual == null) {
            return false;
        }
        return switch (op) {
            case NO_CARE_RELATIONSHIP -> {
                String actor = entry.event().actorId();
                yield actor != null && !facts.hasCareRelationship(actor, actual);
            }
            case OUTSIDE_USUAL_HOURS -> facts.outsideUsualHours(actual, entry.time());
            case WORKFORCE_MEMBER -> facts.isWorkforceMember(actual);
            default -> false;
        };
    }

    private boolean one(@Nullable String actual, int i) {
        String expected = values.get(i);
        if (expected == null || actual == null) {
            return expected == null && actual == null;
        }
        return switch (op) {
            case EQUALS -> actual.equalsIgnoreCase(expected);
            case CONTAINS -> lower(actual).contains(lower(expected));
            case STARTSWITH -> lower(actual).startsWith(lower(expected));
            case ENDSWITH -> lower(actual).endsWith(lower(expected));
            case RE -> patterns.get(i).matcher(actual).find();
            case GT, GTE, LT, LTE -> compare(actual, expected);
            default -> false;
        };
    }

    private boolean compare(String actual, String expected) {
        double a;
        try {
            a = Double.parseDouble(actual);
        } catch (NumberFormatException e) {
            return false;
        }
        double b = Double.parseDouble(expected);
        return switch (op) {
            case GT -> a > b;
            case GTE -> a >= b;
            case LT -> a < b;
            default -> a <= b;
        };
    }

    private static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}
