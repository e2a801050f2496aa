package health.securevisit.device.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import health.securevisit.access.DevicePosture;
import health.securevisit.access.DeviceStanding;
import health.securevisit.platform.StartupException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/** The posture rules as a table: each seed control, its boundary, and how evidence of several sources folds. */
class PostureRulesTests {

    static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");
    static final UUID ID = UUID.randomUUID();
    static final DeviceSettings SETTINGS = settings(Duration.ofMinutes(15), Duration.ofHours(24));

    static DeviceSettings settings(Duration lock, Duration age) {
        return new DeviceSettings(
                Duration.ofMinutes(5),
                Duration.ofMinutes(2),
                lock,
                age,
                Duration.ofDays(7),
                null,
                null,
                null,
                new DeviceSettings.Mdm("", "", 8, Duration.ofSeconds(10), Duration.ofSeconds(5)));
    }

    static Device device(Device.Ownership ownership, String os) {
        return new Device(
                ID,
                UUID.randomUUID(),
                "Laptop",
                Device.Kind.LAPTOP,
                ownership,
                os,
                "14.5",
                "SN1",
                "h1",
                NOW,
                NOW,
                Device.Binding.BOUND,
                null,
                null,
                NOW,
                null);
    }

    /** A report that meets every rule, changed by the caller. */
    static PostureReport good(Instant at) {
        return report(at, true, 5, "14.5", true, true);
    }

    static PostureReport report(
            Instant at,
            @Nullable Boolean disk,
            @Nullable Integer lock,
            @Nullable String os,
            @Nullable Boolean mdm,
            @Nullable Boolean av) {
        return new PostureReport(
                ID,
                PostureReport.Source.WEBHOOK,
                "mdm",
                UUID.randomUUID().toString(),
                at,
                disk,
                lock,
                null,
                av,
                av == null ? null : at.minus(Duration.ofDays(1)),
                null,
                os,
                null,
                mdm,
                mdm);
    }

    static DeviceStanding evaluate(Device.Ownership ownership, List<PostureReport> reports) {
        return PostureRules.evaluate(device(ownership, "macOS"), reports, Set.of(), SETTINGS, NOW);
    }

    @Test
    void aDeviceMeetingEveryRuleIsCompliant() {
        assertThat(evaluate(Device.Ownership.ORGANISATION, List.of(good(NOW.minusSeconds(60)))))
                .isEqualTo(DeviceStanding.of(DevicePosture.COMPLIANT));
    }

    @Test
    void noEvidenceIsUnknownAndOldEvidenceIsStale() {
        assertThat(evaluate(Device.Ownership.ORGANISATION, List.of()))
                .isEqualTo(new DeviceStanding(DevicePosture.UNKNOWN, List.of("no-posture-report")));
        assertThat(evaluate(Device.Ownership.ORGANISATION, List.of(good(NOW.minus(Duration.ofHours(24))))))
                .as("exactly 24 hours old still counts")
                .isEqualTo(DeviceStanding.of(DevicePosture.COMPLIANT));
        assertThat(evaluate(Device.Ownership.ORGANISATION, List.of(good(NOW.minus(Duration.ofHours(25)))))
                        .failingChecks())
                .containsExactly("report-stale");
    }

    @Test
    void eachSeedControlFailsItsOwnCheck() {
        Instant at = NOW.minusSeconds(60);
        assertThat(evaluate(Device.Ownership.ORGANISATION, List.of(report(at, false, 5, "14.5", true, true)))
                        .failingChecks())
                .containsExactly("disk-encryption");
        assertThat(evaluate(Device.Ownership.ORGANISATION, List.of(report(at, true, 15, "14.5", true, true)))
                        .posture())
                .as("15 minutes is the limit itself")
                .isEqualTo(DevicePosture.COMPLIANT);
        assertThat(evaluate(Device.Ownership.ORGANISATION, List.of(report(at, true, 30, "14.5", true, true)))
                        .failingChecks())
                .containsExactly("screen-lock");
        assertThat(evaluate(Device.Ownership.ORGANISATION, List.of(report(at, true, 5, "13.9", true, true)))
                        .failingChecks())
                .containsExactly("os-version");
        assertThat(evaluate(Device.Ownership.ORGANISATION, List.of(report(at, true, 5, "14.5", true, false)))
                        .failingChecks())
                .containsExactly("antivirus");
        assertThat(evaluate(Device.Ownership.ORGANISATION, List.of(report(at, true, 5, "14.5", false, true)))
                        .failingChecks())
                .containsExactly("mdm-remote-wipe");
        assertThat(evaluate(Device.Ownership.BYOD, List.of(report(at, true, 5, "14.5", false, true)))
                        .failingChecks())
                .as("a BYOD device without MDM fails only byod-unmanaged (a tier may tolerate it)")
                .containsExactly("byod-unmanaged");
        assertThat(evaluate(Device.Ownership.ORGANISATION, List.of(report(at, null, null, null, null, null)))
                        .failingChecks())
                .as("a check nobody reported fails")
                .containsExactly("disk-encryption", "screen-lock", "antivirus", "os-version", "mdm-remote-wipe");
    }

    @Test
    void oldAntivirusSignaturesFail() {
        PostureReport old = new PostureReport(
                ID,
                PostureReport.Source.WEBHOOK,
                "mdm",
                "r",
                NOW,
                true,
                5,
                null,
                true,
                NOW.minus(Duration.ofDays(8)),
                null,
                "14.5",
                null,
                true,
                true);
        assertThat(evaluate(Device.Ownership.ORGANISATION, List.of(old)).failingChecks())
                .containsExactly("antivirus");
    }

    @Test
    void theNewestReportWithAnOpinionDecidesEachCheck() {
        PostureReport osquery = new PostureReport(
                ID,
                PostureReport.Source.OSQUERY,
                "fleet",
                "q1",
                NOW.minusSeconds(10),
                null,
                null,
                false,
                null,
                null,
                null,
                null,
                null,
                null,
                null);
        List<PostureReport> newestFirst = List.of(osquery, good(NOW.minusSeconds(600)));
        assertThat(evaluate(Device.Ownership.ORGANISATION, newestFirst).failingChecks())
                .as("osquery's newer screen-lock failure wins; the MDM report still decides the rest")
                .containsExactly("screen-lock");
    }

    @Test
    void aRecordedExceptionRemovesItsCheckOnly() {
        List<PostureReport> reports = List.of(report(NOW, false, 30, "14.5", true, true));
        assertThat(PostureRules.evaluate(
                                device(Device.Ownership.ORGANISATION, "macOS"),
                                reports,
                                Set.of("disk-encryption"),
                                SETTINGS,
                                NOW)
                        .failingChecks())
                .containsExactly("screen-lock");
    }

    @Test
    void minimumOsVersionsCompareNumerically() {
        assertThat(PostureRules.compareVersions("10.0.19045", "10.0.9")).isPositive();
        assertThat(PostureRules.compareVersions("14", "14.0")).isZero();
        assertThat(PostureRules.compareVersions("13.6.1", "14.0")).isNegative();
        assertThat(PostureRules.compareVersions("17.1-beta", "17.0")).isPositive();
        assertThat(PostureRules.evaluate(
                                device(Device.Ownership.ORGANISATION, "BeOS"),
                                List.of(good(NOW)),
                                Set.of(),
                                SETTINGS,
                                NOW)
                        .failingChecks())
                .as("an OS without a configured minimum fails")
                .containsExactly("os-version");
    }

    @Test
    void settingsWeakerThanTheSeedAreRefused() {
        assertThatThrownBy(() -> settings(Duration.ofMinutes(30), Duration.ofHours(24)))
                .isInstanceOf(StartupException.class)
                .hasMessageContaining("SECUREVISIT_DEVICE_MAX_SCREEN_LOCK");
        assertThatThrownBy(() -> settings(Duration.ofMinutes(15), Duration.ofHours(48)))
                .isInstanceOf(StartupException.class)
                .hasMessageContaining("SECUREVISIT_DEVICE_MAX_REPORT_AGE");
        assertThatThrownBy(() -> new DeviceSettings(
                        Duration.ofMinutes(5),
                        Duration.ofMinutes(2),
                        Duration.ofMinutes(15),
                        Duration.ofHours(24),
                        Duration.ofDays(7),
                        null,
                        Map.of("mdm", new DeviceSettings.Integration("short")),
                        null,
                        new DeviceSettings.Mdm("", "", 8, Duration.ofSeconds(10), Duration.ofSeconds(5))))
                .isInstanceOf(StartupException.class)
                .hasMessageContaining("SECUREVISIT_DEVICE_INTEGRATIONS_MDM_SECRET");
        assertThatThrownBy(() -> new DeviceSettings(
                        Duration.ofMinutes(5),
                        Duration.ofMinutes(2),
                        Duration.ofMinutes(15),
                        Duration.ofHours(24),
                        Duration.ofDays(7),
                        null,
                        null,
                        null,
                        new DeviceSettings.Mdm(
                                "http://mdm.example", "", 8, Duration.ofSeconds(10), Duration.ofSeconds(5))))
                .isInstanceOf(StartupException.class)
                .hasMessageContaining("SECUREVISIT_DEVICE_MDM_URL");
    }
}
