package health.securevisit.incident.internal;

import health.securevisit.incident.IncidentFailure;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * The breach-notification rules of 45 CFR 164.400-414 as a pure function (docs/incidents.md):
 * whether an incident is a reportable breach, and the deadlines counted from the discovery date.
 * Dates are calendar dates in the organisation's time zone; "within 60 days" means on or before
 * discovery + 60 days. A law-enforcement delay (164.412) pauses every clock for the days it covers.
 */
public final class BreachRules {

    static final int INDIVIDUAL_DAYS = 60;
    static final int LARGE_BREACH = 500;
    static final int MEDIA_STATE_THRESHOLD = 500;
    static final int ORAL_DELAY_MAX_DAYS = 30;

    private BreachRules() {}

    /** A rating of one factor of the 164.402(2) risk assessment. */
    public enum Risk {
        LOW,
        MEDIUM,
        HIGH
    }

    /**
     * The four factors of 164.402(2): (i) nature and extent of the PHI, including identifiers and the
     * likelihood of re-identification; (ii) the unauthorized person who used it or to whom it was
     * disclosed; (iii) whether it was actually acquired or viewed; (iv) how far the risk was mitigated.
     */
    public record FourFactors(Risk natureAndExtent, Risk recipient, Risk acquiredOrViewed, Risk mitigation) {

        boolean lowProbability() {
            return natureAndExtent == Risk.LOW
                    && recipient == Risk.LOW
                    && acquiredOrViewed == Risk.LOW
                    && mitigation == Risk.LOW;
        }
    }

    /**
     * Evidence for "secured PHI" (HHS guidance under 164.402): the data involved was encrypted at rest
     * and in transit as SecureVisit stores it, and none of the keys that protect it was compromised.
     */
    public record Security(boolean encrypted, boolean keyCompromised) {

        boolean secured() {
            return encrypted && !keyCompromised;
        }
    }

    /** A law-enforcement delay: written (the period it states) or oral (identity recorded, at most 30 days). */
    public record Delay(
            boolean written, LocalDate from, @Nullable LocalDate until, String statement) {}

    /** What the organisation is: a covered entity, or a business associate with the BAA's notice term. */
    public record Role(boolean businessAssociate, @Nullable Integer baaNoticeDays) {}

    /**
     * One state's breach-notification rule as the organisation maintains it in its data file
     * (docs/incidents.md). SecureVisit ships none: every entry is the organisation's reading of a law,
     * with the citation it relies on.
     *
     * @param state two-letter code
     * @param individualsWithinDays the state's deadline for notifying its residents, in days from discovery
     * @param regulator who in the state is told (for example the Attorney General), or null for nobody
     * @param regulatorThreshold residents affected from which (at least) the regulator is told; null: always
     * @param regulatorWithinDays the regulator's deadline; null: with the residents' notice
     * @param lawEnforcementDelay whether a law-enforcement delay pauses this state's clocks too (null: yes)
     * @param source the citation the organisation relies on
     */
    public record StateRule(
            String state,
            @Nullable Integer individualsWithinDays,
            @Nullable Integer regulatorThreshold,
            @Nullable String regulator,
            @Nullable Integer regulatorWithinDays,
            @Nullable Boolean lawEnforcementDelay,
            String source) {}

    /** The facts the rules decide on, with the organisation's state rules. */
    public record Facts(
            LocalDate discovered,
            int affected,
            Map<String, Integer> affectedByState,
            boolean exception,
            Security security,
            @Nullable FourFactors assessment,
            Role role,
            List<Delay> delays,
            List<StateRule> stateRules) {

        /** Facts without state rules (the federal clocks only). */
        public Facts(
                LocalDate discovered,
                int affected,
                Map<String, Integer> affectedByState,
                boolean exception,
                Security security,
                @Nullable FourFactors assessment,
                Role role,
                List<Delay> delays) {
            this(discovered, affected, affectedByState, exception, security, assessment, role, delays, List.of());
        }
    }

    /** The verdict of the rules. */
    public enum Verdict {
        /** An exception of 164.402(1) applies. */
        NOT_A_BREACH_EXCEPTION,
        /** The PHI was secured: no notification (164.404(a)(1) applies to unsecured PHI only). */
        NOT_REPORTABLE_SECURED,
        /** The documented four-factor assessment shows a low probability of compromise. */
        NOT_REPORTABLE_LOW_PROBABILITY,
        /** A breach is presumed: notify. */
        REPORTABLE
    }

    /** Who must be told. */
    public enum Audience {
        INDIVIDUALS("45 CFR 164.404(b)"),
        HHS_WITH_INDIVIDUALS("45 CFR 164.408(b)"),
        HHS_YEARLY_LOG("45 CFR 164.408(c)"),
        MEDIA("45 CFR 164.406"),
        COVERED_ENTITY("45 CFR 164.410(b)"),
        /** A state's own deadline for its residents (the organisation's state rules file). */
        STATE_RESIDENTS("state rule"),
        /** A state's regulator, from the state's threshold (the organisation's state rules file). */
        STATE_REGULATOR("state rule");

        public final String reference;

        Audience(String reference) {
            this.reference = reference;
        }
    }

    /**
     * One notification deadline; {@code state} for media and state notices; {@code source} the state
     * rule's citation and regulator (null for the federal clocks, whose reference is the audience's).
     */
    public record Deadline(
            Audience audience,
            @Nullable String state,
            LocalDate due,
            int pausedDays,
            @Nullable String source) {

        public Deadline(Audience audience, @Nullable String state, LocalDate due, int pausedDays) {
            this(audience, state, due, pausedDays, null);
        }

        /** The rule a deadline comes from, as shown beside it. */
        public String reference() {
            return source == null ? audience.reference : source;
        }
    }

    /** The outcome: the verdict and, when reportable, the deadlines in date order. */
    public record Outcome(Verdict verdict, List<Deadline> deadlines) {}

    /**
     * Decides. @throws IncidentFailure for facts that cannot be right: counts that do not add up,
     * dates out of order, a written delay without an end, a BAA term longer than 60 days
     */
    public static Outcome decide(Facts f) {
        validate(f);
        if (f.exception()) {
            return new Outcome(Verdict.NOT_A_BREACH_EXCEPTION, List.of());
        }
        if (f.security().secured()) {
            return new Outcome(Verdict.NOT_REPORTABLE_SECURED, List.of());
        }
        if (f.assessment() != null && f.assessment().lowProbability()) {
            return new Outcome(Verdict.NOT_REPORTABLE_LOW_PROBABILITY, List.of());
        }
        List<Deadline> out = new ArrayList<>();
        if (f.role().businessAssociate()) {
            int days = f.role().baaNoticeDays() == null
                    ? INDIVIDUAL_DAYS
                    : f.role().baaNoticeDays();
            out.add(deadline(Audience.COVERED_ENTITY, null, f.discovered(), days, f.delays()));
        } else {
            out.add(deadline(Audience.INDIVIDUALS, null, f.discovered(), INDIVIDUAL_DAYS, f.delays()));
            if (f.affected() >= LARGE_BREACH) {
                out.add(deadline(Audience.HHS_WITH_INDIVIDUALS, null, f.discovered(), INDIVIDUAL_DAYS, f.delays()));
            } else {
                LocalDate yearEnd = LocalDate.of(f.discovered().getYear(), 12, 31);
                int days = (int) ChronoUnit.DAYS.between(f.discovered(), yearEnd.plusDays(INDIVIDUAL_DAYS));
                out.add(deadline(Audience.HHS_YEARLY_LOG, null, f.discovered(), days, f.delays()));
            }
            for (Map.Entry<String, Integer> s : new TreeMap<>(f.affectedByState()).entrySet()) {
                if (s.getValue() > MEDIA_STATE_THRESHOLD) {
                    out.add(deadline(Audience.MEDIA, s.getKey(), f.discovered(), INDIVIDUAL_DAYS, f.delays()));
                }
            }
            out.addAll(stateDeadlines(f));
        }
        out.sort(Comparator.comparing(Deadline::due)
                .thenComparing(d -> d.audience().ordinal()));
        return new Outcome(Verdict.REPORTABLE, List.copyOf(out));
    }

    /**
     * The organisation's state rules applied to the residents affected in each state: the residents'
     * own deadline where the state sets one, and the regulator's from its threshold (at least that many
     * residents; always when no threshold is given).
     */
    static List<Deadline> stateDeadlines(Facts f) {
        List<Deadline> out = new ArrayList<>();
        for (StateRule r : f.stateRules()) {
            int residents = f.affectedByState().getOrDefault(r.state(), 0);
            if (residents == 0) {
                continue;
            }
            List<Delay> delays = Boolean.FALSE.equals(r.lawEnforcementDelay()) ? List.of() : f.delays();
            if (r.individualsWithinDays() != null) {
                Deadline d = deadline(
                        Audience.STATE_RESIDENTS, r.state(), f.discovered(), r.individualsWithinDays(), delays);
                out.add(new Deadline(d.audience(), d.state(), d.due(), d.pausedDays(), r.source()));
            }
            if (r.regulator() != null && (r.regulatorThreshold() == null || residents >= r.regulatorThreshold())) {
                int days = r.regulatorWithinDays() != null
                        ? r.regulatorWithinDays()
                        : r.individualsWithinDays() != null ? r.individualsWithinDays() : INDIVIDUAL_DAYS;
                Deadline d = deadline(Audience.STATE_REGULATOR, r.state(), f.discovered(), days, delays);
                out.add(new Deadline(
                        d.audience(), d.state(), d.due(), d.pausedDays(), r.regulator() + ", " + r.source()));
            }
        }
        return out;
    }

    /**
     * Checks the organisation's state rules file: known two-letter codes once each, deadlines of 1 to 365
     * days, thresholds of at least 1, a regulator for the regulator's fields, and a citation for each.
     *
     * @throws IncidentFailure {@code state-rules-invalid} naming the entry
     */
    public static List<StateRule> validStateRules(List<StateRule> rules) {
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (StateRule r : rules) {
            String where = "State rule " + r.state() + ": ";
            if (r.state() == null || !r.state().matches("[A-Z]{2}") || !seen.add(r.state())) {
                throw stateRules("A state rule names a two-letter state code, once per state.");
            }
            if (!days(r.individualsWithinDays()) || !days(r.regulatorWithinDays())) {
                throw stateRules(where + "deadlines are 1 to 365 days.");
            }
            if (r.regulatorThreshold() != null && r.regulatorThreshold() < 1) {
                throw stateRules(where + "the regulator threshold is at least 1.");
            }
            if (r.regulator() == null && (r.regulatorThreshold() != null || r.regulatorWithinDays() != null)) {
                throw stateRules(where + "a regulator threshold or deadline needs the regulator.");
            }
            if (r.regulator() != null && r.regulator().isBlank()) {
                throw stateRules(where + "the regulator is named.");
            }
            if (r.individualsWithinDays() == null && r.regulator() == null) {
                throw stateRules(where + "give the residents' deadline, the regulator, or both.");
            }
            if (r.source() == null || r.source().isBlank()) {
                throw stateRules(where + "the source (the citation relied on) is required.");
            }
        }
        return List.copyOf(rules);
    }

    private static boolean days(@Nullable Integer days) {
        return days == null || (days >= 1 && days <= 365);
    }

    private static IncidentFailure stateRules(String message) {
        return IncidentFailure.invalid("state-rules-invalid", message);
    }

    /**
     * The deadline {@code days} after {@code discovered}, moved later by every day a delay covers while
     * the clock runs (a delay that starts after the deadline has no effect).
     */
    static Deadline deadline(
            Audience audience, @Nullable String state, LocalDate discovered, int days, List<Delay> delays) {
        LocalDate due = discovered.plusDays(days);
        int paused = 0;
        List<Delay> sorted = new ArrayList<>(delays);
        sorted.sort(Comparator.comparing(Delay::from));
        LocalDate covered = discovered; // days up to and including this one are already accounted for
        for (Delay d : sorted) {
            LocalDate start = d.from().isAfter(covered) ? d.from() : covered.plusDays(1);
            LocalDate end = end(d);
            if (start.isAfter(due) || end.isBefore(start)) {
                continue;
            }
            int length = (int) ChronoUnit.DAYS.between(start, end) + 1;
            paused += length;
            due = due.plusDays(length);
            covered = end;
        }
        return new Deadline(audience, state, due, paused);
    }

    /** The last day a delay covers: its stated end; an oral one at most 30 days from its start. */
    static LocalDate end(Delay d) {
        LocalDate oralLimit = d.from().plusDays(ORAL_DELAY_MAX_DAYS - 1);
        if (d.written()) {
            return d.until();
        }
        return d.until() == null || d.until().isAfter(oralLimit) ? oralLimit : d.until();
    }

    /** How near a deadline is, for escalation. */
    public enum Urgency {
        DONE,
        ON_TRACK,
        DUE_WITHIN_15_DAYS,
        DUE_WITHIN_5_DAYS,
        OVERDUE
    }

    /** The escalation level of {@code due} on {@code today}: 15 and 5 days before, then overdue. */
    public static Urgency urgency(LocalDate due, LocalDate today, boolean done) {
        if (done) {
            return Urgency.DONE;
        }
        long left = ChronoUnit.DAYS.between(today, due);
        return left < 0
                ? Urgency.OVERDUE
                : left <= 5 ? Urgency.DUE_WITHIN_5_DAYS : left <= 15 ? Urgency.DUE_WITHIN_15_DAYS : Urgency.ON_TRACK;
    }

    private static void validate(Facts f) {
        if (f.affected() < 0) {
            throw IncidentFailure.invalid("affected-invalid", "The number of people affected cannot be negative.");
        }
        long sum = 0;
        for (Map.Entry<String, Integer> s : f.affectedByState().entrySet()) {
            if (!s.getKey().matches("[A-Z]{2}")) {
                throw IncidentFailure.invalid("state-invalid", "States are two-letter codes such as IL.");
            }
            if (s.getValue() == null || s.getValue() < 0) {
                throw IncidentFailure.invalid("affected-invalid", "A state count cannot be negative.");
            }
            sum += s.getValue();
        }
        if (sum > f.affected()) {
            throw IncidentFailure.invalid(
                    "counts-do-not-add-up", "The people affected per state add up to more than the total affected.");
        }
        for (Delay d : f.delays()) {
            if (d.written() && d.until() == null) {
                throw IncidentFailure.invalid(
                        "delay-without-end", "A written law-enforcement delay states the period it covers.");
            }
            if (d.until() != null && d.until().isBefore(d.from())) {
                throw IncidentFailure.invalid("dates-out-of-order", "A delay cannot end before it starts.");
            }
            if (d.from().isBefore(f.discovered())) {
                throw IncidentFailure.invalid("dates-out-of-order", "A delay cannot start before the discovery.");
            }
            if (d.statement().isBlank()) {
                throw IncidentFailure.invalid(
                        "delay-statement-required",
                        "A law-enforcement delay records the official's statement (164.412).");
            }
        }
        Integer baa = f.role().baaNoticeDays();
        if (baa != null && (baa < 1 || baa > INDIVIDUAL_DAYS)) {
            throw IncidentFailure.invalid(
                    "baa-term-invalid", "A BAA notice term is 1 to 60 days (164.410 allows no longer).");
        }
    }
}
