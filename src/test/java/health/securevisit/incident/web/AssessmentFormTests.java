package health.securevisit.incident.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import health.securevisit.incident.IncidentFailure;
import health.securevisit.incident.internal.BreachRules;
import health.securevisit.incident.internal.IncidentService;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.core.ResolvableType;
import org.springframework.format.support.DefaultFormattingConversionService;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.bind.ServletRequestDataBinder;

/** The incident page's assessment form as the browser posts it: bound, blank rows ignored, bad rows refused. */
class AssessmentFormTests {

    static AssessmentForm bind(Map<String, String[]> fields) {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/console/incidents/x/assessment");
        fields.forEach(request::addParameter);
        ServletRequestDataBinder binder = new ServletRequestDataBinder(null, "form");
        binder.setTargetType(ResolvableType.forClass(AssessmentForm.class));
        binder.setConversionService(new DefaultFormattingConversionService());
        binder.construct(request);
        assertThat(binder.getBindingResult().getAllErrors()).isEmpty();
        return (AssessmentForm) binder.getTarget();
    }

    static Map<String, String[]> page(String... extra) {
        Map<String, String[]> m = new java.util.HashMap<>(Map.of(
                "discovered", new String[] {"2026-12-01"},
                "breachDate", new String[] {""},
                "affected", new String[] {"600"},
                "state", new String[] {"IL", "", ""},
                "count", new String[] {"501", "", ""},
                "natureAndExtent", new String[] {"HIGH"},
                "recipient", new String[] {""},
                "acquiredOrViewed", new String[] {""},
                "mitigation", new String[] {""},
                "baaNoticeDays", new String[] {""}));
        m.putAll(Map.of(
                "delayFrom", new String[] {""}, "delayUntil", new String[] {""}, "delayStatement", new String[] {""}));
        for (int i = 0; i < extra.length; i += 2) {
            m.put(extra[i], new String[] {extra[i + 1]});
        }
        return m;
    }

    @Test
    void thePagesFieldsBecomeTheAssessedFacts() {
        IncidentService.Assessed a = bind(page()).assessed();
        assertThat(a.discovered()).isEqualTo(LocalDate.of(2026, 12, 1));
        assertThat(a.breachDate()).isNull();
        assertThat(a.affected()).isEqualTo(600);
        assertThat(a.affectedByState()).isEqualTo(Map.of("IL", 501));
        assertThat(a.exception()).isFalse();
        assertThat(a.assessment()).as("a factor not rated: breach presumed").isNull();
        assertThat(a.delays()).isEmpty();

        IncidentService.Assessed rated = bind(page(
                        "recipient", "LOW",
                        "acquiredOrViewed", "LOW",
                        "mitigation", "LOW",
                        "encrypted", "true",
                        "delay", "ORAL",
                        "delayFrom", "2026-12-02",
                        "delayStatement", "Detective J. Doe, badge 12"))
                .assessed();
        assertThat(rated.assessment())
                .isEqualTo(new BreachRules.FourFactors(
                        BreachRules.Risk.HIGH, BreachRules.Risk.LOW, BreachRules.Risk.LOW, BreachRules.Risk.LOW));
        assertThat(rated.encrypted()).isTrue();
        assertThat(rated.delays())
                .singleElement()
                .satisfies(d -> assertThat(d.written()).isFalse());
    }

    @Test
    void badRowsAndDelaysAreRefused() {
        Map<String, String[]> twice = page();
        twice.put("state", new String[] {"IL", "IL", ""});
        twice.put("count", new String[] {"1", "2", ""});
        Map<String, String[]> negative = page("count", "-1");
        negative.put("state", new String[] {"IL"});
        for (Map<String, String[]> bad : java.util.List.of(twice, negative)) {
            assertThatThrownBy(() -> bind(bad).assessed())
                    .isInstanceOfSatisfying(
                            IncidentFailure.class, e -> assertThat(e.code()).isEqualTo("state-invalid"));
        }
        assertThatThrownBy(() -> bind(page("delay", "WRITTEN")).assessed())
                .isInstanceOfSatisfying(
                        IncidentFailure.class, e -> assertThat(e.code()).isEqualTo("delay-statement-required"));
        assertThatThrownBy(() -> bind(page("delay", "EMAIL")).assessed())
                .isInstanceOfSatisfying(
                        IncidentFailure.class, e -> assertThat(e.code()).isEqualTo("delay-invalid"));
    }
}
