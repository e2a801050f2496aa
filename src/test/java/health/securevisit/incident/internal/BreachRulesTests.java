package health.securevisit.incident.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import health.securevisit.incident.IncidentFailure;
import health.securevisit.incident.internal.BreachRules.Audience;
import health.securevisit.incident.internal.BreachRules.Deadline;
import health.securevisit.incident.internal.BreachRules.Delay;
import health.securevisit.incident.internal.BreachRules.FourFactors;
import health.securevisit.incident.internal.BreachRules.Risk;
import health.securevisit.incident.internal.BreachRules.Verdict;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The 164.400-414 rules as a table: verdicts, deadlines and their boundaries, delays, bad facts. */
class BreachRulesTests {

    static final LocalDate MARCH_1 = LocalDate.of(2026, 3, 1);
    static final BreachRules.Security UNSECURED = new BreachRules.Security(false, false);
    static final BreachRules.Role COVERED = new BreachRules.Role(false, null);
    static final FourFactors HIGH = new FourFactors(Risk.HIGH, Risk.LOW, Risk.LOW, Risk.LOW);

    static BreachRules.Facts facts(
            LocalDate discovered, int affected, Map<String, Integer> states, List<Delay> delays) {
        return new BreachRules.Facts(discovered, affected, states, false, UNSECURED, HIGH, COVERED, delays);
    }

    static Deadline of(BreachRules.Outcome o, Audience a) {
        return o.deadlines().stream().filter(d -> d.audience() == a).findFirst().orElse(null);
    }

    @ParameterizedTest(name = "{0} affected -> HHS with individuals: {1}")
    @CsvSource({"499, false", "500, true", "501, true"})
    void hhsIsToldWithTheIndividualsFrom500Affected(int affected, boolean immediate) {
        BreachRules.Outcome o = BreachRules.decide(facts(MARCH_1, affected, Map.of(), List.of()));
        assertThat(of(o, Audience.INDIVIDUALS).due()).isEqualTo(LocalDate.of(2026, 4, 30));
        if (immediate) {
            assertThat(of(o, Audience.HHS_WITH_INDIVIDUALS).due()).isEqualTo(LocalDate.of(2026, 4, 30));
            assertThat(of(o, Audience.HHS_YEARLY_LOG)).isNull();
        } else {
            assertThat(of(o, Audience.HHS_YEARLY_LOG).due()).isEqualTo(LocalDate.of(2027, 3, 1));
            assertThat(of(o, Audience.HHS_WITH_INDIVIDUALS)).isNull();
        }
    }

    @ParameterizedTest(name = "{0} residents of IL -> media: {1}")
    @CsvSource({"500, false", "501, true"})
    void mediaAreToldWhenMoreThan500ResidentsOfOneState(int inIllinois, boolean media) {
        BreachRules.Outcome o = BreachRules.decide(facts(MARCH_1, 900, Map.of("IL", inIllinois, "WI", 399), List.of()));
        List<Deadline> notices = o.deadlines().stream()
                .filter(d -> d.audience() == Audience.MEDIA)
                .toList();
        if (media) {
            assertThat(notices).singleElement().satisfies(d -> {
                assertThat(d.state()).isEqualTo("IL");
                assertThat(d.due()).isEqualTo(LocalDate.of(2026, 4, 30));
            });
        } else {
            assertThat(notices).isEmpty();
        }
    }

    @Test
    void aDiscoveryOn31DecemberCountsIntoTheNextYearAndItsLogIsDueAYearLater() {
        BreachRules.Outcome o = BreachRules.decide(facts(LocalDate.of(2026, 12, 31), 10, Map.of(), List.of()));
        assertThat(of(o, Audience.INDIVIDUALS).due()).isEqualTo(LocalDate.of(2027, 3, 1));
        assertThat(of(o, Audience.HHS_YEARLY_LOG).due()).isEqualTo(LocalDate.of(2027, 3, 1));
        BreachRules.Outcome leap = BreachRules.decide(facts(LocalDate.of(2027, 12, 31), 10, Map.of(), List.of()));
        assertThat(of(leap, Audience.HHS_YEARLY_LOG).due()).isEqualTo(LocalDate.of(2028, 2, 29));
    }

    @Test
    void aWrittenDelayThatEndsPausesEveryClockForItsDays() {
        Delay delay = new Delay(true, LocalDate.of(2026, 3, 11), LocalDate.of(2026, 3, 30), "FBI letter ref 26-114");
        BreachRules.Outcome o = BreachRules.decide(facts(MARCH_1, 600, Map.of("IL", 600), List.of(delay)));
        assertThat(o.deadlines()).allSatisfy(d -> {
            assertThat(d.due()).isEqualTo(LocalDate.of(2026, 5, 20));
            assertThat(d.pausedDays()).isEqualTo(20);
        });
    }

    @Test
    void anOralDelayLastsAtMost30DaysAndOneAfterTheDeadlineChangesNothing() {
        Delay oral = new Delay(false, LocalDate.of(2026, 3, 2), null, "Det. Smith, county police, badge 4471");
        assertThat(of(BreachRules.decide(facts(MARCH_1, 1, Map.of(), List.of(oral))), Audience.INDIVIDUALS)
                        .due())
                .isEqualTo(LocalDate.of(2026, 5, 30));
        Delay late = new Delay(true, LocalDate.of(2026, 5, 1), LocalDate.of(2026, 5, 10), "letter");
        assertThat(of(BreachRules.decide(facts(MARCH_1, 1, Map.of(), List.of(late))), Audience.INDIVIDUALS)
                        .due())
                .isEqualTo(LocalDate.of(2026, 4, 30));
    }

    @Test
    void aBusinessAssociateTellsTheCoveredEntityWithinTheBaaTerm() {
        BreachRules.Facts base = facts(MARCH_1, 900, Map.of("IL", 900), List.of());
        BreachRules.Facts ba = new BreachRules.Facts(
                base.discovered(),
                900,
                base.affectedByState(),
                false,
                UNSECURED,
                HIGH,
                new BreachRules.Role(true, 10),
                List.of());
        assertThat(BreachRules.decide(ba).deadlines()).singleElement().satisfies(d -> {
            assertThat(d.audience()).isEqualTo(Audience.COVERED_ENTITY);
            assertThat(d.due()).isEqualTo(LocalDate.of(2026, 3, 11));
        });
        BreachRules.Facts sixty = new BreachRules.Facts(
                MARCH_1, 1, Map.of(), false, UNSECURED, HIGH, new BreachRules.Role(true, null), List.of());
        assertThat(BreachRules.decide(sixty).deadlines().getFirst().due()).isEqualTo(LocalDate.of(2026, 4, 30));
    }

    @Test
    void securedDataExceptionsAndALowProbabilityAreNotReportable() {
        BreachRules.Facts f = facts(MARCH_1, 900, Map.of(), List.of());
        assertThat(BreachRules.decide(new BreachRules.Facts(
                                MARCH_1,
                                900,
                                Map.of(),
                                false,
                                new BreachRules.Security(true, false),
                                HIGH,
                                COVERED,
                                List.of()))
                        .verdict())
                .isEqualTo(Verdict.NOT_REPORTABLE_SECURED);
        assertThat(BreachRules.decide(new BreachRules.Facts(
                                MARCH_1,
                                900,
                                Map.of(),
                                false,
                                new BreachRules.Security(true, true),
                                HIGH,
                                COVERED,
                                List.of()))
                        .verdict())
                .isEqualTo(Verdict.REPORTABLE);
        assertThat(BreachRules.decide(new BreachRules.Facts(
                                MARCH_1, 900, Map.of(), true, UNSECURED, HIGH, COVERED, List.of()))
                        .verdict())
                .isEqualTo(Verdict.NOT_A_BREACH_EXCEPTION);
        FourFactors low = new FourFactors(Risk.LOW, Risk.LOW, Risk.LOW, Risk.LOW);
        assertThat(BreachRules.decide(new BreachRules.Facts(
                                MARCH_1, 900, Map.of(), false, UNSECURED, low, COVERED, List.of()))
                        .verdict())
                .isEqualTo(Verdict.NOT_REPORTABLE_LOW_PROBABILITY);
        assertThat(BreachRules.decide(new BreachRules.Facts(
                                MARCH_1, 900, Map.of(), false, UNSECURED, null, COVERED, List.of()))
                        .verdict())
                .as("without an assessment a breach is presumed")
                .isEqualTo(Verdict.REPORTABLE);
        assertThat(BreachRules.decide(f).verdict()).isEqualTo(Verdict.REPORTABLE);
    }

    @Test
    void refusesFactsThatCannotBeRight() {
        assertThatThrownBy(() -> BreachRules.decide(facts(MARCH_1, 100, Map.of("IL", 60, "WI", 41), List.of())))
                .isInstanceOf(IncidentFailure.class)
                .hasFieldOrPropertyWithValue("code", "counts-do-not-add-up");
        assertThatThrownBy(() -> BreachRules.decide(facts(
                        MARCH_1, 1, Map.of(), List.of(new Delay(true, LocalDate.of(2026, 3, 5), null, "letter")))))
                .hasFieldOrPropertyWithValue("code", "delay-without-end");
        assertThatThrownBy(() -> BreachRules.decide(facts(
                        MARCH_1,
                        1,
                        Map.of(),
                        List.of(new Delay(true, LocalDate.of(2026, 3, 5), LocalDate.of(2026, 3, 4), "letter")))))
                .hasFieldOrPropertyWithValue("code", "dates-out-of-order");
        assertThatThrownBy(() -> BreachRules.decide(facts(
                        MARCH_1,
                        1,
                        Map.of(),
                        List.of(new Delay(true, LocalDate.of(2026, 2, 5), LocalDate.of(2026, 3, 4), "letter")))))
                .hasFieldOrPropertyWithValue("code", "dates-out-of-order");
        assertThatThrownBy(() -> BreachRules.decide(facts(MARCH_1, -1, Map.of(), List.of())))
                .hasFieldOrPropertyWithValue("code", "affected-invalid");
        assertThatThrownBy(() -> BreachRules.decide(facts(MARCH_1, 5, Map.of("Illinois", 1), List.of())))
                .hasFieldOrPropertyWithValue("code", "state-invalid");
        assertThatThrownBy(() -> BreachRules.decide(new BreachRules.Facts(
                        MARCH_1, 1, Map.of(), false, UNSECURED, HIGH, new BreachRules.Role(true, 90), List.of())))
                .hasFieldOrPropertyWithValue("code", "baa-term-invalid");
    }

    @ParameterizedTest(name = "{0} days left -> {1}")
    @CsvSource({
        "20, ON_TRACK",
        "15, DUE_WITHIN_15_DAYS",
        "6, DUE_WITHIN_15_DAYS",
        "5, DUE_WITHIN_5_DAYS",
        "0, DUE_WITHIN_5_DAYS",
        "-1, OVERDUE"
    })
    void escalatesAsTheDeadlineNears(int daysLeft, BreachRules.Urgency urgency) {
        assertThat(BreachRules.urgency(MARCH_1.plusDays(daysLeft), MARCH_1, false))
                .isEqualTo(urgency);
        assertThat(BreachRules.urgency(MARCH_1.plusDays(daysLeft), MARCH_1, true))
                .isEqualTo(BreachRules.Urgency.DONE);
    }

    @Test
    void theNoticeDraftHasTheContentOf164404c() {
        String text = NoticeDraft.individuals(
                "A workforce account was used by someone else to open visit recordings.",
                LocalDate.of(2026, 2, 20),
                MARCH_1,
                List.of("Names", "Dates of visits", "Video recordings of visits"),
                List.of("Review the statements your health plan sends you"),
                "We disabled the account, ended its sessions and rotated the keys.",
                new NoticeDraft.Contact(
                        "Example Clinic", "1-800-555-0100", "privacy@example.org", "1 Main St, Springfield, IL 62701"));
        assertThat(text)
                .contains(
                        "What happened",
                        "February 20, 2026",
                        "March 1, 2026",
                        "What information was involved",
                        "What you can do",
                        "What we are doing",
                        "toll-free at 1-800-555-0100",
                        "privacy@example.org",
                        "1 Main St");
    }
}
