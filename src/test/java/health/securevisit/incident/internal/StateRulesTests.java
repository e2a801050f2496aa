package health.securevisit.incident.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import health.securevisit.incident.IncidentFailure;
import health.securevisit.incident.internal.BreachRules.Audience;
import health.securevisit.incident.internal.BreachRules.Deadline;
import health.securevisit.incident.internal.BreachRules.Delay;
import health.securevisit.incident.internal.BreachRules.StateRule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The organisation's state rules applied to the clocks, with fixture states ZZ and ZY (not real
 * states, and no real law: SecureVisit ships the file empty), at their boundaries.
 */
class StateRulesTests {

    static final LocalDate MARCH_1 = LocalDate.of(2026, 3, 1);
    static final StateRule ZZ = new StateRule("ZZ", 30, 500, "Attorney General", 45, null, "fixture 1");
    static final StateRule ZY = new StateRule("ZY", null, null, "Consumer Protection", null, false, "fixture 2");

    static BreachRules.Outcome decide(
            LocalDate discovered, int affected, Map<String, Integer> byState, List<Delay> delays, StateRule... rules) {
        return BreachRules.decide(new BreachRules.Facts(
                discovered,
                affected,
                byState,
                false,
                BreachRulesTests.UNSECURED,
                BreachRulesTests.HIGH,
                BreachRulesTests.COVERED,
                delays,
                List.of(rules)));
    }

    static @Nullable Deadline of(BreachRules.Outcome o, Audience a, String state) {
        return o.deadlines().stream()
                .filter(d -> d.audience() == a && state.equals(d.state()))
                .findFirst()
                .orElse(null);
    }

    @ParameterizedTest(name = "{0} residents of ZZ -> regulator told: {1}")
    @CsvSource({"1, false", "499, false", "500, true", "501, true"})
    void theRegulatorIsToldFromTheStatesThreshold(int residents, boolean regulator) {
        BreachRules.Outcome o = decide(MARCH_1, 900, Map.of("ZZ", residents), List.of(), ZZ);
        Deadline own = of(o, Audience.STATE_RESIDENTS, "ZZ");
        assertThat(own.due()).isEqualTo(MARCH_1.plusDays(30));
        assertThat(own.reference()).isEqualTo("fixture 1");
        Deadline told = of(o, Audience.STATE_REGULATOR, "ZZ");
        if (regulator) {
            assertThat(told.due()).isEqualTo(MARCH_1.plusDays(45));
            assertThat(told.reference()).isEqualTo("Attorney General, fixture 1");
        } else {
            assertThat(told).isNull();
        }
        // the state's shorter deadline comes first: it is the earliest one shown
        assertThat(o.deadlines().getFirst()).isEqualTo(own);
        assertThat(of(o, Audience.INDIVIDUALS, "ZZ")).isNull();
    }

    @Test
    void aStateWithoutAffectedResidentsGetsNoClock() {
        BreachRules.Outcome o = decide(MARCH_1, 10, Map.of("IL", 10), List.of(), ZZ, ZY);
        assertThat(o.deadlines())
                .noneMatch(d -> d.audience() == Audience.STATE_RESIDENTS || d.audience() == Audience.STATE_REGULATOR);
        BreachRules.Outcome zero = decide(MARCH_1, 10, Map.of("ZZ", 0), List.of(), ZZ);
        assertThat(of(zero, Audience.STATE_RESIDENTS, "ZZ")).isNull();
    }

    @Test
    void aRegulatorWithoutThresholdOrDeadlineIsToldAlwaysWithTheFederal60Days() {
        BreachRules.Outcome o = decide(MARCH_1, 1, Map.of("ZY", 1), List.of(), ZY);
        assertThat(of(o, Audience.STATE_REGULATOR, "ZY").due()).isEqualTo(MARCH_1.plusDays(60));
        assertThat(of(o, Audience.STATE_RESIDENTS, "ZY")).isNull();
    }

    @Test
    void aDiscoveryOn31DecemberCountsIntoTheNextYear() {
        LocalDate newYearsEve = LocalDate.of(2026, 12, 31);
        BreachRules.Outcome o = decide(newYearsEve, 600, Map.of("ZZ", 600), List.of(), ZZ);
        assertThat(of(o, Audience.STATE_RESIDENTS, "ZZ").due()).isEqualTo(LocalDate.of(2027, 1, 30));
        assertThat(of(o, Audience.STATE_REGULATOR, "ZZ").due()).isEqualTo(LocalDate.of(2027, 2, 14));
    }

    @Test
    void aLawEnforcementDelayPausesAStateClockUnlessItsRuleSaysOtherwise() {
        Delay tenDays = new Delay(true, MARCH_1.plusDays(5), MARCH_1.plusDays(14), "written request");
        BreachRules.Outcome o = decide(MARCH_1, 20, Map.of("ZZ", 10, "ZY", 10), List.of(tenDays), ZZ, ZY);
        Deadline paused = of(o, Audience.STATE_RESIDENTS, "ZZ");
        assertThat(paused.pausedDays()).isEqualTo(10);
        assertThat(paused.due()).isEqualTo(MARCH_1.plusDays(40));
        Deadline notPaused = of(o, Audience.STATE_REGULATOR, "ZY");
        assertThat(notPaused.pausedDays()).isZero();
        assertThat(notPaused.due()).isEqualTo(MARCH_1.plusDays(60));
    }

    @Test
    void noStateClockWhenNotReportableOrWhenActingAsBusinessAssociate() {
        BreachRules.Outcome secured = BreachRules.decide(new BreachRules.Facts(
                MARCH_1,
                600,
                Map.of("ZZ", 600),
                false,
                new BreachRules.Security(true, false),
                null,
                BreachRulesTests.COVERED,
                List.of(),
                List.of(ZZ)));
        assertThat(secured.deadlines()).isEmpty();
        BreachRules.Outcome ba = BreachRules.decide(new BreachRules.Facts(
                MARCH_1,
                600,
                Map.of("ZZ", 600),
                false,
                BreachRulesTests.UNSECURED,
                null,
                new BreachRules.Role(true, 30),
                List.of(),
                List.of(ZZ)));
        assertThat(ba.deadlines()).extracting(Deadline::audience).containsExactly(Audience.COVERED_ENTITY);
    }

    @Test
    void badStateRulesAreRefusedNamingTheEntry() {
        List<List<StateRule>> bad = List.of(
                List.of(ZZ, ZZ),
                List.of(new StateRule("zz", 30, null, null, null, null, "s")),
                List.of(new StateRule("ZZ", 0, null, null, null, null, "s")),
                List.of(new StateRule("ZZ", 366, null, null, null, null, "s")),
                List.of(new StateRule("ZZ", 30, 0, "AG", null, null, "s")),
                List.of(new StateRule("ZZ", 30, 500, null, null, null, "s")),
                List.of(new StateRule("ZZ", 30, null, null, 10, null, "s")),
                List.of(new StateRule("ZZ", null, null, null, null, null, "s")),
                List.of(new StateRule("ZZ", 30, null, " ", null, null, "s")),
                List.of(new StateRule("ZZ", 30, null, null, null, null, " ")));
        for (List<StateRule> rules : bad) {
            assertThatThrownBy(() -> BreachRules.validStateRules(rules))
                    .as(rules.toString())
                    .isInstanceOfSatisfying(
                            IncidentFailure.class, e -> assertThat(e.code()).isEqualTo("state-rules-invalid"));
        }
        assertThat(BreachRules.validStateRules(List.of(ZZ, ZY))).containsExactly(ZZ, ZY);
    }

    @Test
    void theShippedFileIsEmptyAndTheOrganisationsFileIsReadAndChecked(@TempDir Path dataDir) throws IOException {
        assertThat(PlanFiles.stateRules(dataDir)).isEmpty();
        Path file = dataDir.resolve("incident/state-rules.yml");
        Files.createDirectories(file.getParent());
        Files.writeString(file, """
                states:
                  - state: ZZ
                    individualsWithinDays: 30
                    regulator: "Attorney General"
                    regulatorThreshold: 500
                    source: "fixture"
                """);
        assertThat(PlanFiles.stateRules(dataDir))
                .containsExactly(new StateRule("ZZ", 30, 500, "Attorney General", null, null, "fixture"));
        Files.writeString(file, "states:\n  - state: ZZ\n    individualsWithinDays: 30\n    colour: red\n");
        assertThatThrownBy(() -> PlanFiles.stateRules(dataDir))
                .isInstanceOfSatisfying(
                        IncidentFailure.class, e -> assertThat(e.code()).isEqualTo("plan-file-invalid"));
        Files.writeString(file, "states:\n  - state: ZZ\n    individualsWithinDays: 30\n");
        assertThatThrownBy(() -> PlanFiles.stateRules(dataDir))
                .isInstanceOfSatisfying(
                        IncidentFailure.class, e -> assertThat(e.code()).isEqualTo("state-rules-invalid"));
    }
}
