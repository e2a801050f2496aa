package health.securevisit.identity.internal;

import java.text.Normalizer;
import org.jspecify.annotations.Nullable;

/**
 * The free-text reason given for an account with a role that sees PHI: NFC-normalised, trimmed,
 * {@link #MIN_VISIBLE} to {@link #MAX} characters of which at least {@link #MIN_VISIBLE} are
 * visible, and no control, format (bidi overrides, zero-width characters) or private-use characters.
 */
final class GrantReasons {

    static final int MIN_VISIBLE = 10;
    static final int MAX = 500;

    private GrantReasons() {}

    /** The normalised reason. @throws IdentityFailure {@code reason-required} or {@code invalid-reason} */
    static String check(@Nullable String reason) {
        if (reason == null || reason.isBlank()) {
            throw IdentityFailure.reasonRequired(MIN_VISIBLE);
        }
        String text = Normalizer.normalize(reason, Normalizer.Form.NFC).strip();
        int visible = 0;
        int length = 0;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            length++;
            int type = Character.getType(cp);
            if (type == Character.CONTROL
                    || type == Character.FORMAT
                    || type == Character.PRIVATE_USE
                    || type == Character.SURROGATE
                    || type == Character.UNASSIGNED
                    || type == Character.LINE_SEPARATOR
                    || type == Character.PARAGRAPH_SEPARATOR) {
                throw IdentityFailure.invalidReason(MIN_VISIBLE, MAX);
            }
            if (!Character.isWhitespace(cp) && type != Character.SPACE_SEPARATOR) {
                visible++;
            }
        }
        if (visible < MIN_VISIBLE || length > MAX) {
            throw IdentityFailure.invalidReason(MIN_VISIBLE, MAX);
        }
        return text;
    }
}
