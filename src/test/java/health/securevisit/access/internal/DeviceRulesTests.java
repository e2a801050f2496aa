package health.securevisit.access.internal;

import static health.securevisit.access.internal.Situations.ctx;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import health.securevisit.access.AccessRequest;
import health.securevisit.access.DevicePosture;
import health.securevisit.identity.Role;
import health.securevisit.platform.StartupException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The device rows of the rule table (rule 2): a known device passes for an action only when some
 * device tier tolerates every check it fails and lists the action. Existing actions (chart read,
 * identity verification, visit list) and named future ones (recording download, export) and the room's actions
 * are decided from the same configuration.
 */
class DeviceRulesTests {

    /** A clinician in the open window of a verified visit (the clinical rules allow), on a device. */
    static Verdict decide(
            String action, DevicePosture posture, List<String> checks, DeviceTiers tiers, String unknownMeans) {
        AccessContext base =
                ctx().as(Role.CLINICIAN).unknownMeans(unknownMeans, "ALLOW").build();
        AccessRequest r = base.request();
        AccessRequest request = new AccessRequest(
                action, r.dataClass(), r.intent(), r.resourceType(), r.resourceId(), r.patientId(), r.visitId(), null);
        return Rules.decide(new AccessContext(
                base.principal(),
                request,
                base.now(),
                posture,
                base.training(),
                base.visit(),
                base.visitsWithPatient(),
                false,
                base.settings(),
                checks,
                tiers));
    }

    static Verdict decide(String action, DevicePosture posture, List<String> checks) {
        return decide(action, posture, checks, DeviceTiers.defaults(), "DENY");
    }

    @ParameterizedTest(name = "compliant device: {0} allowed")
    @CsvSource({"chart.read", "visit.identity-verification", "visit.list", "recording.download", "visit.export"})
    void aCompliantDeviceMayDoEveryAction(String action) {
        Verdict v = decide(action, DevicePosture.COMPLIANT, List.of());
        assertThat(v.allowed()).isTrue();
        assertThat(v.rule()).isEqualTo("care-team-visit-window");
    }

    @ParameterizedTest(name = "BYOD without MDM: {0} -> {1}")
    @CsvSource({
        "visit.list, true",
        "visit.read, true",
        "visit.join, true",
        "room.enter, true",
        "room.remain, true",
        "room.ice-servers, true",
        "room.admit, true",
        "room.end-visit, true",
        "room.chat.read, false",
        "chart.read, false",
        "visit.identity-verification, false",
        "recording.download, false",
        "visit.export, false"
    })
    void aByodDeviceThatOnlyLacksMdmMayJoinVisitsButNotReadDownloadOrExport(String action, boolean allowed) {
        Verdict v = decide(action, DevicePosture.NONCOMPLIANT, List.of("byod-unmanaged"));
        assertThat(v.allowed()).isEqualTo(allowed);
        if (!allowed) {
            assertThat(v).isEqualTo(new Verdict(false, "device-noncompliant", Role.CLINICIAN, false));
        }
    }

    @ParameterizedTest(name = "failing {0}: even visit.list is refused")
    @CsvSource({
        "screen-lock",
        "disk-encryption",
        "antivirus",
        "os-version",
        "mdm-remote-wipe",
        "report-stale",
        "device-revoked"
    })
    void anyOtherFailingCheckRefusesEveryAction(String check) {
        for (String action : List.of("visit.list", "chart.read", "room.enter")) {
            assertThat(decide(action, DevicePosture.NONCOMPLIANT, List.of(check))
                            .rule())
                    .as(action)
                    .isEqualTo("device-noncompliant");
        }
        assertThat(decide("visit.list", DevicePosture.NONCOMPLIANT, List.of("byod-unmanaged", check))
                        .allowed())
                .as("byod-unmanaged plus another failing check")
                .isFalse();
    }

    @Test
    void nonCompliantWithoutNamedChecksIsRefused() {
        assertThat(decide("visit.list", DevicePosture.NONCOMPLIANT, List.of()).rule())
                .isEqualTo("device-noncompliant");
    }

    @Test
    void unknownPostureFollowsTheSetting() {
        assertThat(decide("chart.read", DevicePosture.UNKNOWN, List.of("device-not-bound"))
                        .rule())
                .isEqualTo("device-posture-unknown");
        assertThat(decide(
                                "chart.read",
                                DevicePosture.UNKNOWN,
                                List.of("device-not-bound"),
                                DeviceTiers.defaults(),
                                "ALLOW")
                        .allowed())
                .isTrue();
    }

    @Test
    void aConfiguredTierNarrowsWhatEvenCompliantDevicesMayDo() {
        DeviceTiers tiers = new DeviceTiers(
                Map.of("compliant", new DeviceTiers.Tier(Set.of(), Set.of("visit.list", "chart.read"))));
        assertThat(decide("chart.read", DevicePosture.COMPLIANT, List.of(), tiers, "DENY")
                        .allowed())
                .isTrue();
        assertThat(decide("recording.download", DevicePosture.COMPLIANT, List.of(), tiers, "DENY")
                        .rule())
                .isEqualTo("device-tier-excludes-action");
        assertThat(decide("visit.list", DevicePosture.NONCOMPLIANT, List.of("byod-unmanaged"), tiers, "DENY")
                        .allowed())
                .as("no configured tier tolerates byod-unmanaged")
                .isFalse();
    }

    @Test
    void aTierThatToleratesASeedControlIsRefusedAtStartUp() {
        assertThatThrownBy(() -> new DeviceTiers(
                        Map.of("lax", new DeviceTiers.Tier(Set.of("screen-lock"), Set.of("chart.read")))))
                .isInstanceOf(StartupException.class)
                .hasMessageContaining("SECUREVISIT_ACCESS_DEVICE_TIERS_LAX_TOLERATES");
    }

    @Test
    void deviceDenialsAnswerDeviceNotCompliantNamingTheChecks() {
        var denial = PolicyDecisionPoint.denial("device-noncompliant", List.of("screen-lock"));
        assertThat(denial.code()).isEqualTo("device-not-compliant");
        assertThat(denial.problemProperties()).containsEntry("failingChecks", List.of("screen-lock"));
        assertThat(PolicyDecisionPoint.denial("device-posture-unknown", List.of())
                        .problemProperties())
                .containsEntry("failingChecks", List.of("device-not-bound"));
        assertThat(PolicyDecisionPoint.denial("device-tier-excludes-action").code())
                .isEqualTo("device-not-compliant");
    }
}
