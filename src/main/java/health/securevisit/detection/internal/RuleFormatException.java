package health.securevisit.detection.internal;

import health.securevisit.platform.SecureVisitException;

/** A rule file that cannot be used: the line (1-based, 0 when unknown) and what is wrong. */
public final class RuleFormatException extends SecureVisitException {

    private final int line;
    private final String problem;

    RuleFormatException(int line, String problem) {
        super(Kind.INVALID, "detection-rule-invalid", "line " + line + ": " + problem);
        this.line = line;
        this.problem = problem;
    }

    public int line() {
        return line;
    }

    public String problem() {
        return problem;
    }

    /** A name from the file as shown in an error: printable ASCII, at most 40 characters. */
    static String shown(String text) {
        String clean = text.replaceAll("[^\\x20-\\x7e]", "?");
        return clean.length() > 40 ? clean.substring(0, 40) + "..." : clean;
    }
}
