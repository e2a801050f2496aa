package health.securevisit.incident.web;

import health.securevisit.incident.IncidentFailure;
import health.securevisit.incident.internal.BreachRules;
import health.securevisit.incident.internal.IncidentService;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;
import org.springframework.format.annotation.DateTimeFormat;

/**
 * The breach assessment form of the incident page, bound from its fields: exactly the facts of
 * {@link IncidentService.Assessed}, with counts per state as repeated {@code state}/{@code count}
 * fields (blank rows ignored), unticked boxes as absent, and at most one law-enforcement delay. The
 * rules check the facts.
 */
record AssessmentForm(
        @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate discovered,

        @Nullable @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
        LocalDate breachDate,

        int affected,
        @Nullable List<String> state,
        @Nullable List<String> count,
        @Nullable Boolean exception,
        @Nullable Boolean encrypted,
        @Nullable Boolean keyCompromised,
        BreachRules.@Nullable Risk natureAndExtent,
        BreachRules.@Nullable Risk recipient,
        BreachRules.@Nullable Risk acquiredOrViewed,
        BreachRules.@Nullable Risk mitigation,
        @Nullable Boolean businessAssociate,
        @Nullable Integer baaNoticeDays,
        @Nullable String delay,

        @Nullable @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
        LocalDate delayFrom,

        @Nullable @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
        LocalDate delayUntil,

        @Nullable String delayStatement) {

    /** The four factors' field names and labels, in the order of 164.402(2)(i)-(iv). */
    static final Map<String, String> FACTORS = factors();

    private static Map<String, String> factors() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("natureAndExtent", "(i) Nature and extent of the PHI, re-identification");
        m.put("recipient", "(ii) Who used it or received it");
        m.put("acquiredOrViewed", "(iii) Actually acquired or viewed");
        m.put("mitigation", "(iv) How far the risk was mitigated");
        return m;
    }

    IncidentService.Assessed assessed() {
        if (discovered == null) {
            throw IncidentFailure.invalid("dates-out-of-order", "Enter the discovery date.");
        }
        return new IncidentService.Assessed(
                discovered,
                breachDate,
                affected,
                byState(),
                Boolean.TRUE.equals(exception),
                Boolean.TRUE.equals(encrypted),
                Boolean.TRUE.equals(keyCompromised),
                natureAndExtent == null || recipient == null || acquiredOrViewed == null || mitigation == null
                        ? null
                        : new BreachRules.FourFactors(natureAndExtent, recipient, acquiredOrViewed, mitigation),
                Boolean.TRUE.equals(businessAssociate),
                baaNoticeDays,
                delays());
    }

    private Map<String, Integer> byState() {
        List<String> states = state == null ? List.of() : state;
        List<String> counts = count == null ? List.of() : count;
        if (states.size() != counts.size()) {
            throw IncidentFailure.invalid("state-invalid", "Give each state with its number of residents.");
        }
        Map<String, Integer> out = new TreeMap<>();
        for (int i = 0; i < states.size(); i++) {
            String code = states.get(i).strip();
            String n = counts.get(i).strip();
            if (code.isEmpty() && n.isEmpty()) {
                continue;
            }
            if (!n.matches("\\d{1,9}") || out.put(code, Integer.valueOf(n)) != null) {
                throw IncidentFailure.invalid(
                        "state-invalid", "Give each state once, with its number of residents (0 or more).");
            }
        }
        return out;
    }

    private List<BreachRules.Delay> delays() {
        if (delay == null || delay.equals("NONE")) {
            return List.of();
        }
        if (!delay.equals("WRITTEN") && !delay.equals("ORAL")) {
            throw IncidentFailure.invalid("delay-invalid", "A law-enforcement delay is written or oral.");
        }
        if (delayFrom == null || delayStatement == null || delayStatement.isBlank()) {
            throw IncidentFailure.invalid(
                    "delay-statement-required", "A law-enforcement delay needs its start and the statement.");
        }
        return List.of(new BreachRules.Delay(delay.equals("WRITTEN"), delayFrom, delayUntil, delayStatement));
    }
}
