package health.securevisit.detection.internal;

import static org.assertj.core.api.Assertions.assertThat;

import health.securevisit.audit.AuditEvent;
import health.securevisit.audit.Outcome;
import health.securevisit.audit.PurposeOfUse;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Each shipped rule with a fixture that fires it and one that does not. Rules on actions other
 * branches write (device.first-use, recording.download) are fed synthetic audit events by name.
 */
class ShippedRulesTests {

    static final String ALICE = "00000000-0000-0000-0000-0000000000a1";
    static final String BOB = "00000000-0000-0000-0000-0000000000b0";
    static final String PATIENT = "00000000-0000-0000-0000-00000000a001";
    static final String COLLEAGUE_PATIENT = "00000000-0000-0000-0000-00000000c001";
    static final Instant MONDAY_10 = Instant.parse("2026-03-02T10:00:00Z");

    /** Facts for tests: Alice cares for PATIENT only; COLLEAGUE_PATIENT is a workforce member. */
    static final Facts FACTS = new Facts() {
        public boolean hasCareRelationship(String actorId, String patientId) {
            return actorId.equals(ALICE) && patientId.equals(PATIENT);
        }

        public boolean isWorkforceMember(String patientId) {
            return patientId.equals(COLLEAGUE_PATIENT);
        }

        public boolean outsideUsualHours(String actorId, Instant time) {
            throw new AssertionError("answered by the engine");
        }
    };

    /** A synthetic audit feed in sequence order. */
    static final class Feed {
        final RuleEngine engine = engine();
        final List<RuleEngine.Match> matches = new ArrayList<>();
        long seq;

        Feed add(Instant at, AuditEvent event) {
            matches.addAll(engine.evaluate(new Fields.Entry(seq++, at, event)));
            return this;
        }

        Set<String> fired() {
            return Set.copyOf(matches.stream().map(m -> m.rule().id()).toList());
        }
    }

    static Instant at(int day, int hour) {
        return Instant.parse("2026-03-02T00:00:00Z").plus(Duration.ofDays(day)).plus(Duration.ofHours(hour));
    }

    static RuleEngine engine() {
        RuleFiles.Loaded loaded = RuleFiles.parse(RuleFiles.shipped());
        assertThat(loaded.refused()).isEmpty();
        return new RuleEngine(loaded.rules(), new RuleEngine.HourSettings(ZoneOffset.UTC, 20, 0.02, 7, 19), FACTS);
    }

    static AuditEvent event(String action, Outcome outcome, String actor, String role, String patient) {
        return AuditEvent.builder(action, outcome, PurposeOfUse.TREATMENT)
                .actor(actor, role)
                .patient(patient)
                .resource(patient == null ? null : "patient", patient)
                .build();
    }

    static AuditEvent read(String actor, String patient) {
        return event("chart.read", Outcome.SUCCESS, actor, "CLINICIAN", patient);
    }

    @Test
    void shipsTenRulesAndAllParse() {
        assertThat(engine().rules()).hasSize(10);
    }

    @Test
    void afterHoursFiresAtAnHourTheUserNeverWorks() {
        Feed feed = new Feed();
        for (int day = 0; day < 5; day++) {
            for (int h = 9; h < 17; h++) {
                feed.add(at(day, h), read(ALICE, PATIENT));
            }
        }
        assertThat(feed.fired()).doesNotContain("after-hours-access");
        feed.add(at(6, 3), read(ALICE, PATIENT));
        assertThat(feed.fired()).contains("after-hours-access");
    }

    @Test
    void afterHoursLearnsANightShift() {
        Feed feed = new Feed();
        for (int day = 0; day < 5; day++) {
            for (int h = 0; h < 6; h++) {
                feed.add(at(day, h), read(BOB, PATIENT));
            }
        }
        feed.matches.clear();
        feed.add(at(6, 3), read(BOB, PATIENT));
        assertThat(feed.fired()).doesNotContain("after-hours-access");
    }

    @Test
    void volumeFiresWellAboveTheUsersOwnBaseline() {
        Feed feed = new Feed();
        baseline(feed, ALICE, 10);
        for (int i = 0; i < 35; i++) {
            feed.add(MONDAY_10.plus(Duration.ofDays(8)).plusSeconds(i * 60), read(ALICE, PATIENT));
        }
        assertThat(feed.fired()).contains("volume-above-baseline");
    }

    @Test
    void volumeStaysQuietForAUserWhoAlwaysReadsThatMuch() {
        Feed feed = new Feed();
        baseline(feed, ALICE, 40);
        feed.matches.clear();
        for (int i = 0; i < 35; i++) {
            feed.add(MONDAY_10.plus(Duration.ofDays(8)).plusSeconds(i * 60), read(ALICE, PATIENT));
        }
        assertThat(feed.fired()).doesNotContain("volume-above-baseline");
    }

    private static void baseline(Feed feed, String actor, int perDay) {
        for (int day = 0; day < 7; day++) {
            for (int i = 0; i < perDay; i++) {
                feed.add(MONDAY_10.plus(Duration.ofDays(day)).plusSeconds(i * 60L), read(actor, PATIENT));
            }
        }
    }

    @Test
    void patientWithoutVisitFiresOnlyWithoutACareRelationship() {
        assertThat(new Feed().add(MONDAY_10, read(ALICE, PATIENT)).fired()).doesNotContain("patient-without-visit");
        assertThat(new Feed().add(MONDAY_10, read(BOB, PATIENT)).fired()).contains("patient-without-visit");
    }

    @Test
    void breakGlassFiresOnAGrantNotOnADenial() {
        assertThat(new Feed()
                        .add(MONDAY_10, event("access.break-glass", Outcome.SUCCESS, ALICE, "CLINICIAN", PATIENT))
                        .fired())
                .contains("break-glass-use");
        assertThat(new Feed()
                        .add(MONDAY_10, event("access.break-glass", Outcome.DENIED, ALICE, "CLINICIAN", PATIENT))
                        .fired())
                .doesNotContain("break-glass-use");
    }

    @Test
    void mfaFailuresFireAtFiveWithinFifteenMinutes() {
        Feed fires = new Feed();
        Feed quiet = new Feed();
        for (int i = 0; i < 5; i++) {
            fires.add(MONDAY_10.plusSeconds(i * 60L), event("auth.mfa.verify", Outcome.DENIED, ALICE, null, null));
            quiet.add(MONDAY_10.plusSeconds(i * 300L), event("auth.mfa.verify", Outcome.DENIED, ALICE, null, null));
        }
        assertThat(fires.fired()).contains("mfa-failures");
        assertThat(quiet.fired()).doesNotContain("mfa-failures");
    }

    @Test
    void lockoutFires() {
        assertThat(new Feed()
                        .add(MONDAY_10, event("auth.lockout", Outcome.DENIED, ALICE, null, null))
                        .fired())
                .contains("account-lockout");
        assertThat(new Feed()
                        .add(MONDAY_10, event("auth.login", Outcome.SUCCESS, ALICE, null, null))
                        .fired())
                .doesNotContain("account-lockout");
    }

    @Test
    void factorChangeThenBulkAccessFires() {
        Feed feed = new Feed();
        feed.add(MONDAY_10, event("auth.mfa.enrol", Outcome.SUCCESS, ALICE, null, null));
        for (int i = 0; i < 20; i++) {
            feed.add(MONDAY_10.plusSeconds(60 + i), read(ALICE, PATIENT));
        }
        assertThat(feed.fired()).contains("factor-change-bulk");
    }

    @Test
    void bulkAccessBeforeTheFactorChangeOrADayLaterStaysQuiet() {
        Feed before = new Feed();
        for (int i = 0; i < 20; i++) {
            before.add(MONDAY_10.plusSeconds(i), read(ALICE, PATIENT));
        }
        before.add(MONDAY_10.plusSeconds(60), event("auth.mfa.enrol", Outcome.SUCCESS, ALICE, null, null));
        assertThat(before.fired()).doesNotContain("factor-change-bulk");
        Feed later = new Feed();
        later.add(MONDAY_10, event("auth.mfa.remove", Outcome.SUCCESS, ALICE, null, null));
        for (int i = 0; i < 20; i++) {
            later.add(MONDAY_10.plus(Duration.ofHours(25)).plusSeconds(i), read(ALICE, PATIENT));
        }
        assertThat(later.fired()).doesNotContain("factor-change-bulk");
    }

    @Test
    void newDeviceFiresOnTheDeviceModulesFirstUse() {
        AuditEvent firstUse = AuditEvent.builder("device.first-use", Outcome.SUCCESS, PurposeOfUse.OPERATIONS)
                .actor(ALICE, "CLINICIAN")
                .source("192.0.2.1", "dev-1")
                .build();
        AuditEvent known = AuditEvent.builder("auth.login", Outcome.SUCCESS, PurposeOfUse.OPERATIONS)
                .actor(ALICE, "CLINICIAN")
                .source("192.0.2.1", "dev-1")
                .build();
        assertThat(new Feed().add(MONDAY_10, firstUse).fired()).contains("new-device");
        assertThat(new Feed().add(MONDAY_10, known).fired()).doesNotContain("new-device");
    }

    @Test
    void massRecordingDownloadCountsDistinctRecordings() {
        Feed many = new Feed();
        Feed same = new Feed();
        for (int i = 0; i < 12; i++) {
            many.add(MONDAY_10.plusSeconds(i), recording(ALICE, "rec-" + i));
            same.add(MONDAY_10.plusSeconds(i), recording(ALICE, "rec-1"));
        }
        assertThat(many.fired()).contains("mass-recording-download");
        assertThat(same.fired()).doesNotContain("mass-recording-download");
    }

    private static AuditEvent recording(String actor, String id) {
        return AuditEvent.builder("recording.download", Outcome.SUCCESS, PurposeOfUse.TREATMENT)
                .actor(actor, "CLINICIAN")
                .resource("recording", id)
                .patient(PATIENT)
                .build();
    }

    @Test
    void workforceRecordFiresOnAColleaguesChartNotOnAnEmergency() {
        assertThat(new Feed().add(MONDAY_10, read(ALICE, COLLEAGUE_PATIENT)).fired())
                .contains("workforce-record");
        assertThat(new Feed().add(MONDAY_10, read(ALICE, PATIENT)).fired()).doesNotContain("workforce-record");
        AuditEvent emergency = AuditEvent.builder("chart.read", Outcome.SUCCESS, PurposeOfUse.EMERGENCY)
                .actor(ALICE, "CLINICIAN")
                .patient(COLLEAGUE_PATIENT)
                .build();
        assertThat(new Feed().add(MONDAY_10, emergency).fired()).doesNotContain("workforce-record");
    }
}
