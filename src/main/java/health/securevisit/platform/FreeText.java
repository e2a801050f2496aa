package health.securevisit.platform;

import java.text.Normalizer;
import java.util.Optional;

/**
 * The one rule for free text typed by people (names, addresses, reasons): stored and compared in
 * Unicode NFC, never with characters that reorder or hide text, and measured in visible characters.
 *
 * <p>Refused: the bidirectional embeddings and overrides U+202A-U+202E and isolates U+2066-U+2069
 * (they make text display differently from what is stored, "Trojan source"), and the zero-width
 * characters U+200B-U+200D, U+2060 and U+FEFF (they make two equal-looking texts differ). A module
 * turns a refusal into its own problem answer (its code names the field, never the value).
 */
public final class FreeText {

    private FreeText() {}

    /** The NFC form of {@code text}, or empty when it holds a bidi control or a zero-width character. */
    public static Optional<String> normalized(String text) {
        String nfc = Normalizer.normalize(text, Normalizer.Form.NFC);
        return hasHiddenControls(nfc) ? Optional.empty() : Optional.of(nfc);
    }

    /** Whether {@code text} holds a bidi embedding, override or isolate, or a zero-width character. */
    public static boolean hasHiddenControls(CharSequence text) {
        for (int i = 0; i < text.length(); i++) {
            if (hidden(text.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    /**
     * The number of visible characters: code points that are not whitespace, control (Cc) or format
     * (Cf) characters. Minimum lengths count these, so padding with spaces or invisible marks does not.
     */
    public static int visibleLength(CharSequence text) {
        return (int) text.codePoints().filter(FreeText::visible).count();
    }

    private static boolean visible(int cp) {
        int type = Character.getType(cp);
        return !Character.isWhitespace(cp)
                && !Character.isSpaceChar(cp)
                && type != Character.CONTROL
                && type != Character.FORMAT;
    }

    private static boolean hidden(char c) {
        return (c >= '\u202A' && c <= '\u202E')
                || (c >= '\u2066' && c <= '\u2069')
                || (c >= '\u200B' && c <= '\u200D')
                || c == '\u2060'
                || c == '\uFEFF';
    }
}
