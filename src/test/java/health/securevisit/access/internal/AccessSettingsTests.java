package health.securevisit.access.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import health.securevisit.platform.StartupException;
import health.securevisit.support.ChildProcess;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Settings that would weaken the policy are refused at start with one line naming the setting. */
class AccessSettingsTests {

    static AccessSettings with(
            Duration before,
            Duration after,
            Duration clinicalMfa,
            Duration breakGlass,
            Duration breakGlassMfa,
            int reason) {
        return new AccessSettings(before, after, clinicalMfa, breakGlass, breakGlassMfa, reason, "ALLOW", "ALLOW");
    }

    static final Duration M15 = Duration.ofMinutes(15);
    static final Duration H24 = Duration.ofHours(24);
    static final Duration M60 = Duration.ofMinutes(60);
    static final Duration M5 = Duration.ofMinutes(5);

    @Test
    void windowBeforeStartAboveTwentyFourHoursStopsStartWithOneLine() throws Exception {
        ChildProcess.Result result = ChildProcess.run(Map.of(
                "SECUREVISIT_DATA_DIR",
                Files.createTempDirectory("sv-access-settings").toString(),
                "SECUREVISIT_PORT",
                "0",
                "SECUREVISIT_ACCESS_WINDOW_BEFORE_START",
                "25h"));
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.stderrLines())
                .containsExactly(
                        "securevisit: cannot start: SECUREVISIT_ACCESS_WINDOW_BEFORE_START: must not exceed 24h; it is"
                                + " PT25H");
    }

    @Test
    void refusesEachWeakeningValue() {
        assertRefused(
                () -> with(Duration.ZERO, H24, M15, M60, M5, 20), "SECUREVISIT_ACCESS_WINDOW_BEFORE_START", "positive");
        assertRefused(
                () -> with(M15.negated(), H24, M15, M60, M5, 20), "SECUREVISIT_ACCESS_WINDOW_BEFORE_START", "positive");
        assertRefused(
                () -> with(H24.plusSeconds(1), H24, M15, M60, M5, 20),
                "SECUREVISIT_ACCESS_WINDOW_BEFORE_START",
                "must not exceed 24h");
        assertRefused(
                () -> with(M15, Duration.ZERO, M15, M60, M5, 20), "SECUREVISIT_ACCESS_WINDOW_AFTER_END", "positive");
        assertRefused(
                () -> with(M15, H24, Duration.ofSeconds(-1), M60, M5, 20),
                "SECUREVISIT_ACCESS_CLINICAL_MFA_MAX_AGE",
                "positive");
        assertRefused(
                () -> with(M15, H24, Duration.ofHours(12).plusSeconds(1), M60, M5, 20),
                "SECUREVISIT_ACCESS_CLINICAL_MFA_MAX_AGE",
                "must not exceed 12h");
        assertRefused(
                () -> with(M15, H24, M15, M5.minusSeconds(1), M5, 20),
                "SECUREVISIT_ACCESS_BREAK_GLASS_DURATION",
                "at least 5m");
        assertRefused(
                () -> with(M15, H24, M15, H24.plusSeconds(1), M5, 20),
                "SECUREVISIT_ACCESS_BREAK_GLASS_DURATION",
                "must not exceed 24h");
        assertRefused(
                () -> with(M15, H24, M15, Duration.ZERO, M5, 20),
                "SECUREVISIT_ACCESS_BREAK_GLASS_DURATION",
                "positive");
        assertRefused(
                () -> with(M15, H24, M15, M60, Duration.ZERO, 20),
                "SECUREVISIT_ACCESS_BREAK_GLASS_MFA_MAX_AGE",
                "positive");
        assertRefused(
                () -> with(M15, H24, M15, M60, M5, 19), "SECUREVISIT_ACCESS_BREAK_GLASS_MIN_REASON", "at least 20");
        assertRefused(
                () -> new AccessSettings(M15, H24, M15, M60, M5, 20, "maybe", "ALLOW"),
                "SECUREVISIT_ACCESS_UNKNOWN_DEVICE_POSTURE",
                "ALLOW or DENY");
        assertRefused(
                () -> new AccessSettings(M15, H24, M15, M60, M5, 20, "ALLOW", ""),
                "SECUREVISIT_ACCESS_UNKNOWN_TRAINING",
                "ALLOW or DENY");
    }

    @Test
    void acceptsTheLimitsThemselves() {
        AccessSettings limits = new AccessSettings(
                H24, Duration.ofDays(7), Duration.ofHours(12), M5, Duration.ofSeconds(30), 20, " deny ", "Deny");
        assertThat(limits.allowsUnknownDevicePosture()).isFalse();
        assertThat(limits.allowsUnknownTraining()).isFalse();
        with(M15, H24, M15, H24, M5, 200);
        AccessSettings defaults = AccessSettings.defaults();
        assertThat(defaults.allowsUnknownDevicePosture())
                .as("an unknown device reaches no PHI by default (seed: BYOD controls)")
                .isFalse();
        assertThat(defaults.windowBeforeStart()).isEqualTo(M15);
        assertThat(defaults.windowAfterEnd()).isEqualTo(H24);
        assertThat(defaults.breakGlassDuration()).isEqualTo(M60);
    }

    private static void assertRefused(Runnable build, String setting, String problem) {
        assertThatThrownBy(build::run).isInstanceOfSatisfying(StartupException.class, e -> {
            assertThat(e.setting()).isEqualTo(setting);
            assertThat(e.getMessage())
                    .startsWith(setting + ": ")
                    .contains(problem)
                    .doesNotContain("\n");
        });
    }
}
