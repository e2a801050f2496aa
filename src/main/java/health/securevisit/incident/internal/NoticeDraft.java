package health.securevisit.incident.internal;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Drafts of the notice to individuals with the content 45 CFR 164.404(c)(1) requires, in plain
 * language: (A) what happened, with the date of the breach and of its discovery; (B) the kinds of
 * unsecured PHI involved; (C) steps individuals should take to protect themselves; (D) what the
 * organisation is doing to investigate, mitigate and prevent; (E) contact procedures, which include a
 * toll-free number, an email address, a web site or a postal address. A draft is for a person to
 * review; it names no individual.
 */
public final class NoticeDraft {

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("MMMM d, yyyy", Locale.US);

    /** The organisation's contact procedures (164.404(c)(1)(E)). */
    public record Contact(String organisation, String tollFreeNumber, String email, String postalAddress) {}

    private NoticeDraft() {}

    public static String individuals(
            String whatHappened,
            @Nullable LocalDate breachDate,
            LocalDate discovered,
            List<String> kindsOfPhi,
            List<String> stepsForIndividuals,
            String whatWeAreDoing,
            Contact contact) {
        StringBuilder b = new StringBuilder();
        b.append("Notice of a breach of your health information\n\n");
        b.append("What happened\n").append(whatHappened.strip()).append(' ');
        b.append(
                breachDate == null
                        ? "The date of the breach is not yet known."
                        : "The breach happened on " + DATE.format(breachDate) + ".");
        b.append(" We discovered it on ").append(DATE.format(discovered)).append(".\n\n");
        b.append("What information was involved\n");
        kindsOfPhi.forEach(k -> b.append("- ").append(k).append('\n'));
        b.append("\nWhat you can do\n");
        stepsForIndividuals.forEach(s -> b.append("- ").append(s).append('\n'));
        b.append("\nWhat we are doing\n").append(whatWeAreDoing.strip()).append("\n\n");
        b.append("For more information\n");
        b.append("Call ")
                .append(contact.organisation())
                .append(" toll-free at ")
                .append(contact.tollFreeNumber());
        b.append(", write to ")
                .append(contact.email())
                .append(", or by post to ")
                .append(contact.postalAddress());
        b.append(".\n");
        return b.toString();
    }
}
