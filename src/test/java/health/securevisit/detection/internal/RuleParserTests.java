package health.securevisit.detection.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Bad rule files are refused with their line; the other rules keep running. */
class RuleParserTests {

    static final String GOOD = """
            title: t
            id: good-rule
            level: low
            detection:
              sel:
                action|startswith: auth.
              condition: sel
            """;

    private static RuleFormatException refused(String yaml) {
        try {
            RuleParser.parse(yaml);
        } catch (RuleFormatException e) {
            return e;
        }
        throw new AssertionError("accepted");
    }

    @Test
    void refusesAnUnknownFieldWithItsLine() {
        RuleFormatException e = refused(GOOD.replace("action|startswith", "actionn|startswith"));
        assertThat(e.line()).isEqualTo(6);
        assertThat(e.problem()).contains("unknown field 'actionn'");
    }

    @Test
    void refusesAnUnknownModifierWithItsLine() {
        RuleFormatException e = refused(GOOD.replace("startswith", "beginswith"));
        assertThat(e.line()).isEqualTo(6);
        assertThat(e.problem()).contains("unknown modifier 'beginswith'");
    }

    @Test
    void refusesAYamlSyntaxErrorWithItsLine() {
        RuleFormatException e = refused(GOOD.replace("  condition: sel", "  condition: [sel"));
        assertThat(e.line()).isGreaterThanOrEqualTo(7);
        assertThat(e.problem()).contains("not well formed");
    }

    @Test
    void refusesUnknownKeysConditionsAndValues() {
        assertThat(refused(GOOD + "colour: red\n").line()).isEqualTo(8);
        assertThat(refused(GOOD.replace("condition: sel", "condition: sel and other"))
                        .problem())
                .contains("unknown selection 'other'");
        assertThat(refused(GOOD.replace("condition: sel", "condition: (sel")).problem())
                .contains("not closed");
        assertThat(refused(GOOD.replace("level: low", "level: severe")).line()).isEqualTo(3);
        assertThat(refused(GOOD.replace("action|startswith: auth.", "actorId|no_care_relationship: true"))
                        .problem())
                .contains("applies to patientId");
        assertThat(refused(GOOD.replace("action|startswith: auth.", "action|re: '(['"))
                        .problem())
                .contains("regular expression");
        assertThat(refused(GOOD.replace("id: good-rule", "id: Bad Id")).line()).isEqualTo(2);
        assertThat(refused(GOOD + "id: twice\n").problem()).contains("duplicate key");
        assertThat(refused(GOOD + "---\n" + GOOD).problem()).contains("exactly one rule");
    }

    @Test
    void refusesBadCorrelations() {
        String base = GOOD + "correlation:\n  type: event_count\n  timespan: 10m\n  condition: {gte: 5}\n";
        assertThat(RuleParser.parse(base).correlation()).isNotNull();
        assertThat(refused(base.replace("10m", "10w")).line()).isEqualTo(10);
        assertThat(refused(base.replace("event_count", "value_count")).problem())
                .contains("field is required");
        assertThat(refused(base.replace("{gte: 5}", "{gte: many}")).problem()).contains("whole number");
        assertThat(refused(base.replace("{gte: 5}", "{most: 5}")).problem()).contains("unknown correlation");
        assertThat(refused(base.replace("event_count", "temporal_ordered")).problem())
                .contains("two or more");
    }

    @Test
    void aBadFileIsRefusedAndTheOthersKeepRunning() {
        RuleFiles.Loaded loaded = RuleFiles.parse(List.of(
                new RuleFiles.Named("data:bad.yml", GOOD.replace("startswith", "beginswith")),
                new RuleFiles.Named("data:good.yml", GOOD)));
        assertThat(loaded.rules()).extracting(Rule::id).containsExactly("good-rule");
        assertThat(loaded.refused()).singleElement().satisfies(r -> {
            assertThat(r.file()).isEqualTo("data:bad.yml");
            assertThat(r.line()).isEqualTo(6);
        });
    }

    @Test
    void evaluatesModifiersAndOneOfAllOf() {
        String yaml = """
                title: t
                id: mods
                level: low
                detection:
                  sel_a:
                    action|contains: MFA
                  sel_b:
                    reason|re: '^bad-(code|recovery)'
                  sel_c:
                    hour|gte: 20
                  filter:
                    - outcome: SUCCESS
                    - actorId: null
                  condition: all of sel_* and not filter
                """;
        Rule rule = RuleParser.parse(yaml);
        var night = java.time.Instant.parse("2026-01-01T21:00:00Z");
        var day = java.time.Instant.parse("2026-01-01T09:00:00Z");
        var denied = health.securevisit.audit.AuditEvent.builder(
                        "auth.mfa.verify",
                        health.securevisit.audit.Outcome.DENIED,
                        health.securevisit.audit.PurposeOfUse.OPERATIONS)
                .reason("bad-code")
                .actor("a", null)
                .build();
        assertThat(rule.matches(new Fields.Entry(1, night, denied), java.time.ZoneOffset.UTC, ShippedRulesTests.FACTS))
                .isTrue();
        assertThat(rule.matches(new Fields.Entry(1, day, denied), java.time.ZoneOffset.UTC, ShippedRulesTests.FACTS))
                .isFalse();
        assertThatThrownBy(() -> RuleParser.parse(yaml.replace("all of sel_*", "all of zz*")))
                .isInstanceOf(RuleFormatException.class);
    }
}
