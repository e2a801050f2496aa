package health.securevisit.detection.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * A Sigma condition: selection names combined with {@code and}, {@code or}, {@code not} and
 * parentheses, plus {@code 1 of NAME*}, {@code all of NAME*}, {@code 1 of them}, {@code all of them}.
 * Precedence: not, then and, then or.
 */
sealed interface Condition {

    boolean test(Predicate<String> selection);

    record Ref(String name) implements Condition {
        public boolean test(Predicate<String> selection) {
            return selection.test(name);
        }
    }

    record Not(Condition inner) implements Condition {
        public boolean test(Predicate<String> selection) {
            return !inner.test(selection);
        }
    }

    record And(List<Condition> parts) implements Condition {
        public boolean test(Predicate<String> selection) {
            for (Condition c : parts) {
                if (!c.test(selection)) {
                    return false;
                }
            }
            return true;
        }
    }

    record Or(List<Condition> parts) implements Condition {
        public boolean test(Predicate<String> selection) {
            for (Condition c : parts) {
                if (c.test(selection)) {
                    return true;
                }
            }
            return false;
        }
    }

    /**
     * Parses {@code text} against the selections that exist. @throws RuleFormatException (at {@code
     * line}) for an unknown name, an empty pattern match or bad syntax
     */
    static Condition parse(String text, Map<String, ?> selections, int line) {
        return new Parser(tokens(text), selections.keySet().stream().toList(), line).whole();
    }

    private static List<String> tokens(String text) {
        List<String> out = new ArrayList<>();
        for (String raw : text.replace("(", " ( ").replace(")", " ) ").trim().split("\\s+")) {
            if (!raw.isEmpty()) {
                out.add(raw);
            }
        }
        return out;
    }

    /** Recursive descent over the tokens. */
    final class Parser {
        private final List<String> tokens;
        private final List<String> names;
        private final int line;
        private int at;

        Parser(List<String> tokens, List<String> names, int line) {
            this.tokens = tokens;
            this.names = names;
            this.line = line;
        }

        Condition whole() {
            Condition c = or();
            if (at != tokens.size()) {
                throw error("unexpected '" + RuleFormatException.shown(tokens.get(at)) + "' in the condition");
            }
            return c;
        }

        private Condition or() {
            List<Condition> parts = new ArrayList<>(List.of(and()));
            while (peek("or")) {
                at++;
                parts.add(and());
            }
            return parts.size() == 1 ? parts.getFirst() : new Or(parts);
        }

        private Condition and() {
            List<Condition> parts = new ArrayList<>(List.of(not()));
            while (peek("and")) {
                at++;
                parts.add(not());
            }
            return parts.size() == 1 ? parts.getFirst() : new And(parts);
        }

        private Condition not() {
            if (peek("not")) {
                at++;
                return new Not(not());
            }
            return primary();
        }

        private Condition primary() {
            if (at >= tokens.size()) {
                throw error("the condition ends too early");
            }
            String t = tokens.get(at++);
            if (t.equals("(")) {
                Condition inner = or();
                if (!peek(")")) {
                    throw error("a parenthesis is not closed in the condition");
                }
                at++;
                return inner;
            }
            if ((t.equals("1") || t.equals("all")) && peek("of")) {
                at++;
                if (at >= tokens.size()) {
                    throw error("'of' needs a name pattern or 'them'");
                }
                String pattern = tokens.get(at++);
                List<Condition> refs = names.stream()
                        .filter(n -> pattern.equals("them")
                                || (pattern.endsWith("*")
                                        ? n.startsWith(pattern.substring(0, pattern.length() - 1))
                                        : n.equals(pattern)))
                        .<Condition>map(Ref::new)
                        .toList();
                if (refs.isEmpty()) {
                    throw error("no selection matches '" + RuleFormatException.shown(pattern) + "'");
                }
                return t.equals("1") ? new Or(refs) : new And(refs);
            }
            if (!names.contains(t)) {
                throw error("the condition names an unknown selection '" + RuleFormatException.shown(t) + "'");
            }
            return new Ref(t);
        }

        private boolean peek(String word) {
            return at < tokens.size() && tokens.get(at).equals(word);
        }

        private RuleFormatException error(String problem) {
            return new RuleFormatException(line, problem);
        }
    }
}
