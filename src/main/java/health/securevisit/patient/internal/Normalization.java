package health.securevisit.patient.internal;

import java.text.Normalizer;
import java.time.LocalDate;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * How values are normalised before they are indexed or compared (so that {@code "José O'Brien"}
 * matches {@code "jose o brien"}). Text: Unicode NFKD, combining marks removed,
 * lower case (Locale.ROOT), every run of characters that are neither letters nor digits becomes one
 * space, trimmed. Phone: digits only (a leading country code stays as entered). Dates: ISO
 * {@code YYYY-MM-DD}. MRN: trimmed, upper case (Locale.ROOT).
 */
final class Normalization {

    private static final Pattern MARKS = Pattern.compile("\\p{M}+");
    private static final Pattern SEPARATORS = Pattern.compile("[^\\p{L}\\p{N}]+");
    private static final Pattern NON_DIGITS = Pattern.compile("[^0-9]+");

    private Normalization() {}

    /** Names and addresses. */
    static String text(String value) {
        String decomposed = Normalizer.normalize(value, Normalizer.Form.NFKD);
        String unmarked = MARKS.matcher(decomposed).replaceAll("");
        String lower = unmarked.toLowerCase(Locale.ROOT);
        return SEPARATORS.matcher(lower).replaceAll(" ").strip();
    }

    /** The distinct words of a normalised name, in order. */
    static Set<String> words(String value) {
        Set<String> words = new LinkedHashSet<>();
        for (String word : text(value).split(" ")) {
            if (!word.isEmpty()) {
                words.add(word);
            }
        }
        return words;
    }

    static String phone(String value) {
        return NON_DIGITS.matcher(value).replaceAll("");
    }

    static String mrn(String value) {
        return value.strip().toUpperCase(Locale.ROOT);
    }

    static String date(LocalDate value) {
        return value.toString();
    }
}
