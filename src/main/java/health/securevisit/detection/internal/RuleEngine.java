package health.securevisit.detection.internal;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Evaluates rules over audit entries in sequence order, one thread at a time. It keeps, in memory,
 * the correlation windows, each group's long-run count (the baseline) and each user's hour-of-day
 * profile (the usual hours); the runner rebuilds them at start by replaying the warm-up period.
 */
final class RuleEngine {

    /** A rule that fired: the key alerts are deduplicated on and the entries that made it fire. */
    record Match(
            Rule rule,
            String dedupKey,
            @Nullable String actorId,
            @Nullable String patientId,
            List<Long> seqs) {}

    /** Settings of the usual-hours profile. */
    record HourSettings(ZoneId zone, int minHistory, double rareShare, int workStart, int workEnd) {}

    private static final int MAX_LINKED = 50;

    private final List<Rule> rules;
    private final HourSettings hours;
    private final Facts facts;
    private final Map<String, Window> windows = new HashMap<>();
    private final Map<String, Baseline> baselines = new HashMap<>();
    private final Map<String, int[]> profiles = new HashMap<>();
    private long evaluated;

    RuleEngine(List<Rule> rules, HourSettings hours, Facts facts) {
        this.rules = List.copyOf(rules);
        this.hours = hours;
        this.facts = new Facts() {
            public boolean hasCareRelationship(String actorId, String patientId) {
                return facts.hasCareRelationship(actorId, patientId);
            }

            public boolean isWorkforceMember(String patientId) {
                return facts.isWorkforceMember(patientId);
            }

            public boolean outsideUsualHours(String actorId, Instant time) {
                return unusualHour(actorId, time);
            }
        };
    }

    List<Rule> rules() {
        return rules;
    }

    /** Evaluates every rule on {@code entry}, then learns from it; returns the rules that fired. */
    List<Match> evaluate(Fields.Entry entry) {
        List<Match> out = new ArrayList<>(0);
        for (Rule rule : rules) {
            Match m = rule.correlation() == null ? single(rule, entry) : correlated(rule, entry);
            if (m != null) {
                out.add(m);
            }
        }
        learn(entry);
        if (++evaluated % 65_536 == 0) {
            sweep(entry.time());
        }
        return out;
    }

    private @Nullable Match single(Rule rule, Fields.Entry entry) {
        if (!rule.matches(entry, hours.zone(), facts)) {
            return null;
        }
        String actor = entry.event().actorId();
        String patient = entry.event().patientId();
        return new Match(rule, rule.id() + ":" + actor + "/" + patient, actor, patient, List.of(entry.seq()));
    }

    private @Nullable Match correlated(Rule rule, Fields.Entry entry) {
        Rule.Correlation c = rule.correlation();
        if (c == null || !rule.matches(entry, hours.zone(), facts)) {
            return null;
        }
        StringBuilder group = new StringBuilder(rule.id()).append(':');
        for (Fields f : c.groupBy()) {
            String v = f.of(entry, hours.zone());
            if (v == null) {
                return null;
            }
            group.append(v).append('/');
        }
        String key = group.toString();
        Window w = windows.computeIfAbsent(key, k -> new Window());
        Instant since = entry.time().minus(c.timespan());
        w.prune(since);
        long count;
        switch (c.type()) {
            case EVENT_COUNT -> {
                w.add(entry, null);
                count = w.events.size();
            }
            case VALUE_COUNT -> {
                String v = c.field() == null ? null : c.field().of(entry, hours.zone());
                if (v == null) {
                    return null;
                }
                w.add(entry, v);
                count = w.distinct.size();
            }
            default -> {
                count = w.step(rule, entry, hours.zone(), facts, c.steps());
                if (count < 0) {
                    return null;
                }
            }
        }
        if (!c.satisfied(count) || !aboveBaseline(key, c, entry.time(), count)) {
            return null;
        }
        List<Long> seqs = new ArrayList<>();
        for (Iterator<Fields.Entry> it = w.events.descendingIterator(); it.hasNext() && seqs.size() < MAX_LINKED; ) {
            seqs.add(it.next().seq());
        }
        return new Match(rule, key, entry.event().actorId(), null, List.copyOf(seqs.reversed()));
    }

    private boolean aboveBaseline(String key, Rule.Correlation c, Instant now, long count) {
        Baseline b = baselines.computeIfAbsent(key, k -> new Baseline(now));
        b.total++;
        if (c.baseline() == null) {
            return true;
        }
        Duration history = Duration.between(b.first, now).minus(c.timespan());
        if (history.compareTo(c.timespan()) < 0) {
            return true; // no full window of history yet: the absolute threshold alone decides
        }
        double windowsSeen = (double) history.toMillis() / c.timespan().toMillis();
        double mean = Math.max(0, b.total - count) / windowsSeen;
        return count >= c.baseline() * mean;
    }

    private boolean unusualHour(String actorId, Instant time) {
        int hour = ZonedDateTime.ofInstant(time, hours.zone()).getHour();
        int[] p = profiles.get(actorId);
        if (p == null || p[24] < hours.minHistory()) {
            return hour < hours.workStart() || hour >= hours.workEnd();
        }
        return p[hour] < hours.rareShare() * p[24];
    }

    private void learn(Fields.Entry entry) {
        String actor = entry.event().actorId();
        if (actor != null) {
            int[] p = profiles.computeIfAbsent(actor, a -> new int[25]);
            p[ZonedDateTime.ofInstant(entry.time(), hours.zone()).getHour()]++;
            p[24]++;
        }
    }

    private void sweep(Instant now) {
        Duration longest = Duration.ZERO;
        for (Rule r : rules) {
            if (r.correlation() != null && r.correlation().timespan().compareTo(longest) > 0) {
                longest = r.correlation().timespan();
            }
        }
        Instant since = now.minus(longest);
        windows.values()
                .removeIf(w -> w.events.isEmpty() || w.events.getLast().time().isBefore(since));
    }

    /** Groups with an open correlation window (for tests and the benchmark). */
    int openWindows() {
        return windows.size();
    }

    private static final class Baseline {
        final Instant first;
        long total;

        Baseline(Instant first) {
            this.first = first;
        }
    }

    /** One group's window: its entries (oldest first) and, for value_count, the last time of each value. */
    private static final class Window {
        final ArrayDeque<Fields.Entry> events = new ArrayDeque<>();
        final Map<String, Instant> distinct = new LinkedHashMap<>();

        @Nullable
        Instant stepStart;

        int stepReached = -1;

        void prune(Instant since) {
            while (!events.isEmpty() && events.getFirst().time().isBefore(since)) {
                events.removeFirst();
            }
            distinct.values().removeIf(t -> t.isBefore(since));
            if (stepStart != null && stepStart.isBefore(since)) {
                stepStart = null;
                stepReached = -1;
                events.clear();
            }
        }

        void add(Fields.Entry e, @Nullable String value) {
            events.addLast(e);
            if (value != null) {
                distinct.remove(value);
                distinct.put(value, e.time());
            }
        }

        /** Advances the ordered steps; returns the count of last-step entries, or -1 before the last step. */
        long step(Rule rule, Fields.Entry e, ZoneId zone, Facts facts, List<String> steps) {
            int last = steps.size() - 1;
            if (stepReached >= last - 1 && rule.selected(steps.get(last), e, zone, facts)) {
                stepReached = last;
                events.addLast(e);
                return events.size() - (long) last;
            }
            int next = stepReached + 1;
            if (next < last && rule.selected(steps.get(next), e, zone, facts)) {
                if (next == 0) {
                    stepStart = e.time();
                    events.clear();
                }
                stepReached = next;
                events.addLast(e);
            } else if (rule.selected(steps.getFirst(), e, zone, facts)) {
                stepStart = e.time();
                events.clear();
                events.addLast(e);
                stepReached = 0;
            }
            return -1;
        }
    }
}
