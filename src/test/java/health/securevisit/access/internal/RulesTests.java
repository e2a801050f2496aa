package health.securevisit.access.internal;

import static health.securevisit.access.internal.Situations.*;
import static org.assertj.core.api.Assertions.assertThat;

import health.securevisit.access.DataClass;
import health.securevisit.access.DevicePosture;
import health.securevisit.access.IncidentId;
import health.securevisit.access.Intent;
import health.securevisit.access.Investigation;
import health.securevisit.access.InvestigationFacts;
import health.securevisit.access.TrainingStatus;
import health.securevisit.access.VisitFacts;
import health.securevisit.identity.Role;
import health.securevisit.identity.WorkforcePrincipal;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/** The policy's rule table: every role x data class x situation, and the rules around it. */
class RulesTests {

    /** The situation of a request, applied to a fresh context. */
    static Situations.Ctx situation(String name) {
        Situations.Ctx c = ctx();
        return switch (name) {
            case "own-visit" -> c;
            case "own-visit-unverified" -> c.through(MY_VISIT, myVisit(false, false));
            case "other-clinicians-visit" -> c.through(THEIR_VISIT, theirVisit());
            case "before-window" -> c.at(WINDOW_OPENS.minusSeconds(1));
            case "window-opens" -> c.at(WINDOW_OPENS);
            case "window-closes" -> c.at(WINDOW_CLOSES);
            case "after-window" -> c.at(WINDOW_CLOSES.plusSeconds(1));
            case "closed-visit" -> c.through(MY_VISIT, myVisit(true, true));
            case "patient-in-window" -> c.patientOnly(List.of(myVisit(true, false)));
            case "patient-outside-window" ->
                c.patientOnly(List.of(myVisit(true, false))).at(WINDOW_CLOSES.plusSeconds(1));
            case "patient-closed-visit" -> c.patientOnly(List.of(myVisit(true, true)));
            case "patient-no-visit" -> c.patientOnly(List.of());
            case "collection" -> c.patientOnly(List.of()).patient(null);
            case "unknown-visit" -> c.through(MISSING_VISIT, null);
            case "visit-of-other-patient" -> c.patient(OTHER_PATIENT);
            default -> throw new IllegalArgumentException(name);
        };
    }

    @ParameterizedTest(name = "{1} in {0}: scheduling {2}, demographics {3}, clinical {4}")
    @CsvSource(delimiter = '|', textBlock = """
            own-visit              | CLINICIAN        | +care-team-schedule     | +care-team-visit-window | +care-team-visit-window
            own-visit-unverified   | CLINICIAN        | +care-team-schedule     | ~care-team-visit-window | -identity-not-verified
            other-clinicians-visit | CLINICIAN        | -not-on-care-team       | -not-on-care-team       | -not-on-care-team
            before-window          | CLINICIAN        | +care-team-schedule     | -outside-visit-window   | -outside-visit-window
            window-opens           | CLINICIAN        | +care-team-schedule     | +care-team-visit-window | +care-team-visit-window
            window-closes          | CLINICIAN        | +care-team-schedule     | +care-team-visit-window | +care-team-visit-window
            after-window           | CLINICIAN        | +care-team-schedule     | -outside-visit-window   | -outside-visit-window
            closed-visit           | CLINICIAN        | +care-team-schedule     | -outside-visit-window   | -outside-visit-window
            patient-in-window      | CLINICIAN        | +clinician-registration | +care-team-visit-window | -clinical-needs-visit
            patient-outside-window | CLINICIAN        | +clinician-registration | -outside-visit-window   | -outside-visit-window
            patient-closed-visit   | CLINICIAN        | +clinician-registration | -outside-visit-window   | -outside-visit-window
            patient-no-visit       | CLINICIAN        | +clinician-registration | -no-care-relationship   | -no-care-relationship
            collection             | CLINICIAN        | +clinician-registration | +clinician-registration | -clinical-needs-visit
            unknown-visit          | CLINICIAN        | -unknown-visit          | -unknown-visit          | -unknown-visit
            visit-of-other-patient | CLINICIAN        | -visit-patient-mismatch | -visit-patient-mismatch | -visit-patient-mismatch
            own-visit              | STAFF            | +staff-front-desk       | +staff-front-desk       | -staff-no-clinical
            own-visit-unverified   | STAFF            | +staff-front-desk       | +staff-front-desk       | -staff-no-clinical
            other-clinicians-visit | STAFF            | +staff-front-desk       | +staff-front-desk       | -staff-no-clinical
            before-window          | STAFF            | +staff-front-desk       | +staff-front-desk       | -staff-no-clinical
            window-opens           | STAFF            | +staff-front-desk       | +staff-front-desk       | -staff-no-clinical
            window-closes          | STAFF            | +staff-front-desk       | +staff-front-desk       | -staff-no-clinical
            after-window           | STAFF            | +staff-front-desk       | +staff-front-desk       | -staff-no-clinical
            closed-visit           | STAFF            | +staff-front-desk       | +staff-front-desk       | -staff-no-clinical
            patient-in-window      | STAFF            | +staff-front-desk       | +staff-front-desk       | -staff-no-clinical
            patient-outside-window | STAFF            | +staff-front-desk       | +staff-front-desk       | -staff-no-clinical
            patient-closed-visit   | STAFF            | +staff-front-desk       | +staff-front-desk       | -staff-no-clinical
            patient-no-visit       | STAFF            | +staff-front-desk       | +staff-front-desk       | -staff-no-clinical
            collection             | STAFF            | +staff-front-desk       | +staff-front-desk       | -staff-no-clinical
            unknown-visit          | STAFF            | -unknown-visit          | -unknown-visit          | -unknown-visit
            visit-of-other-patient | STAFF            | -visit-patient-mismatch | -visit-patient-mismatch | -visit-patient-mismatch
            own-visit              | ADMIN            | -role-no-phi            | -role-no-phi            | -role-no-phi
            own-visit-unverified   | ADMIN            | -role-no-phi            | -role-no-phi            | -role-no-phi
            other-clinicians-visit | ADMIN            | -role-no-phi            | -role-no-phi            | -role-no-phi
            before-window          | ADMIN            | -role-no-phi            | -role-no-phi            | -role-no-phi
            window-opens           | ADMIN            | -role-no-phi            | -role-no-phi            | -role-no-phi
            window-closes          | ADMIN            | -role-no-phi            | -role-no-phi            | -role-no-phi
            after-window           | ADMIN            | -role-no-phi            | -role-no-phi            | -role-no-phi
            closed-visit           | ADMIN            | -role-no-phi            | -role-no-phi            | -role-no-phi
            patient-in-window      | ADMIN            | -role-no-phi            | -role-no-phi            | -role-no-phi
            patient-outside-window | ADMIN            | -role-no-phi            | -role-no-phi            | -role-no-phi
            patient-closed-visit   | ADMIN            | -role-no-phi            | -role-no-phi            | -role-no-phi
            patient-no-visit       | ADMIN            | -role-no-phi            | -role-no-phi            | -role-no-phi
            collection             | ADMIN            | -role-no-phi            | -role-no-phi            | -role-no-phi
            unknown-visit          | ADMIN            | -unknown-visit          | -unknown-visit          | -unknown-visit
            visit-of-other-patient | ADMIN            | -visit-patient-mismatch | -visit-patient-mismatch | -visit-patient-mismatch
            own-visit              | SECURITY_OFFICER | -role-no-phi            | -role-no-phi            | -role-no-phi
            own-visit-unverified   | SECURITY_OFFICER | -role-no-phi            | -role-no-phi            | -role-no-phi
            other-clinicians-visit | SECURITY_OFFICER | -role-no-phi            | -role-no-phi            | -role-no-phi
            before-window          | SECURITY_OFFICER | -role-no-phi            | -role-no-phi            | -role-no-phi
            window-opens           | SECURITY_OFFICER | -role-no-phi            | -role-no-phi            | -role-no-phi
            window-closes          | SECURITY_OFFICER | -role-no-phi            | -role-no-phi            | -role-no-phi
            after-window           | SECURITY_OFFICER | -role-no-phi            | -role-no-phi            | -role-no-phi
            closed-visit           | SECURITY_OFFICER | -role-no-phi            | -role-no-phi            | -role-no-phi
            patient-in-window      | SECURITY_OFFICER | -role-no-phi            | -role-no-phi            | -role-no-phi
            patient-outside-window | SECURITY_OFFICER | -role-no-phi            | -role-no-phi            | -role-no-phi
            patient-closed-visit   | SECURITY_OFFICER | -role-no-phi            | -role-no-phi            | -role-no-phi
            patient-no-visit       | SECURITY_OFFICER | -role-no-phi            | -role-no-phi            | -role-no-phi
            collection             | SECURITY_OFFICER | -role-no-phi            | -role-no-phi            | -role-no-phi
            unknown-visit          | SECURITY_OFFICER | -unknown-visit          | -unknown-visit          | -unknown-visit
            visit-of-other-patient | SECURITY_OFFICER | -visit-patient-mismatch | -visit-patient-mismatch | -visit-patient-mismatch
            own-visit              | AUDITOR          | -role-no-phi            | -role-no-phi            | -role-no-phi
            own-visit-unverified   | AUDITOR          | -role-no-phi            | -role-no-phi            | -role-no-phi
            other-clinicians-visit | AUDITOR          | -role-no-phi            | -role-no-phi            | -role-no-phi
            before-window          | AUDITOR          | -role-no-phi            | -role-no-phi            | -role-no-phi
            window-opens           | AUDITOR          | -role-no-phi            | -role-no-phi            | -role-no-phi
            window-closes          | AUDITOR          | -role-no-phi            | -role-no-phi            | -role-no-phi
            after-window           | AUDITOR          | -role-no-phi            | -role-no-phi            | -role-no-phi
            closed-visit           | AUDITOR          | -role-no-phi            | -role-no-phi            | -role-no-phi
            patient-in-window      | AUDITOR          | -role-no-phi            | -role-no-phi            | -role-no-phi
            patient-outside-window | AUDITOR          | -role-no-phi            | -role-no-phi            | -role-no-phi
            patient-closed-visit   | AUDITOR          | -role-no-phi            | -role-no-phi            | -role-no-phi
            patient-no-visit       | AUDITOR          | -role-no-phi            | -role-no-phi            | -role-no-phi
            collection             | AUDITOR          | -role-no-phi            | -role-no-phi            | -role-no-phi
            unknown-visit          | AUDITOR          | -unknown-visit          | -unknown-visit          | -unknown-visit
            visit-of-other-patient | AUDITOR          | -visit-patient-mismatch | -visit-patient-mismatch | -visit-patient-mismatch
            """)
    void ruleTable(String situation, Role role, String scheduling, String demographics, String clinical) {
        assertVerdict(situation(situation).as(role).data(DataClass.SCHEDULING).decide(), scheduling, role);
        assertVerdict(situation(situation).as(role).data(DataClass.DEMOGRAPHICS).decide(), demographics, role);
        assertVerdict(situation(situation).as(role).data(DataClass.CLINICAL).decide(), clinical, role);
    }

    /**
     * Visit records (recordings, screenshots, transcripts, chat, form answers, consents, the export):
     * decided as clinical data: the care team inside the window after the identity step, nobody else.
     */
    @ParameterizedTest(name = "{1} in {0}: visit records {2}")
    @CsvSource(delimiter = '|', textBlock = """
            own-visit              | CLINICIAN        | +care-team-visit-window
            own-visit-unverified   | CLINICIAN        | -identity-not-verified
            other-clinicians-visit | CLINICIAN        | -not-on-care-team
            before-window          | CLINICIAN        | -outside-visit-window
            window-opens           | CLINICIAN        | +care-team-visit-window
            window-closes          | CLINICIAN        | +care-team-visit-window
            after-window           | CLINICIAN        | -outside-visit-window
            closed-visit           | CLINICIAN        | -outside-visit-window
            patient-in-window      | CLINICIAN        | -clinical-needs-visit
            patient-outside-window | CLINICIAN        | -outside-visit-window
            patient-no-visit       | CLINICIAN        | -no-care-relationship
            collection             | CLINICIAN        | -clinical-needs-visit
            unknown-visit          | CLINICIAN        | -unknown-visit
            visit-of-other-patient | CLINICIAN        | -visit-patient-mismatch
            own-visit              | STAFF            | -staff-no-clinical
            other-clinicians-visit | STAFF            | -staff-no-clinical
            collection             | STAFF            | -staff-no-clinical
            unknown-visit          | STAFF            | -unknown-visit
            own-visit              | ADMIN            | -role-no-phi
            own-visit              | SECURITY_OFFICER | -role-no-phi
            own-visit              | AUDITOR          | -role-no-phi
            """)
    void visitRecordsAreDecidedAsClinicalData(String situation, Role role, String visitRecords) {
        assertVerdict(
                situation(situation).as(role).data(DataClass.VISIT_RECORDS).decide(), visitRecords, role);
        assertVerdict(
                situation(situation)
                        .as(role)
                        .data(DataClass.VISIT_RECORDS)
                        .intent(Intent.CHANGE)
                        .decide(),
                visitRecords,
                role);
    }

    /** {@code +rule}: allowed; {@code ~rule}: allowed with the identity data points masked; {@code -rule}: denied. */
    static void assertVerdict(Verdict verdict, String expected, Role role) {
        assertThat(verdict.allowed()).as("allowed of " + verdict).isEqualTo(!expected.startsWith("-"));
        assertThat(verdict.identityDataMasked()).as("masked of " + verdict).isEqualTo(expected.startsWith("~"));
        assertThat(verdict.rule()).isEqualTo(expected.substring(1));
        assertThat(verdict.role()).isEqualTo(role);
        assertThat(verdict.breakGlass()).isFalse();
    }

    // --- rule 7f: the live visit (the room) ---

    @ParameterizedTest(name = "{1} {2} live visit in {0} (MFA {3} min ago, break-glass {4}): {5}")
    @CsvSource(delimiter = '|', textBlock = """
            own-visit              | CLINICIAN        | READ   | 1  | false | +care-team-live-visit
            own-visit-unverified   | CLINICIAN        | READ   | 1  | false | +care-team-live-visit
            own-visit              | CLINICIAN        | READ   | 16 | false | -step-up-required
            own-visit              | CLINICIAN        | CHANGE | 16 | false | -step-up-required
            own-visit              | CLINICIAN        | REMAIN | 16 | false | +care-team-live-visit
            own-visit              | CLINICIAN        | REMAIN | 1  | false | +care-team-live-visit
            other-clinicians-visit | CLINICIAN        | READ   | 1  | false | -not-on-care-team
            other-clinicians-visit | CLINICIAN        | READ   | 1  | true  | -not-on-care-team
            other-clinicians-visit | CLINICIAN        | REMAIN | 1  | false | -not-on-care-team
            before-window          | CLINICIAN        | READ   | 1  | false | -outside-visit-window
            window-opens           | CLINICIAN        | READ   | 1  | false | +care-team-live-visit
            after-window           | CLINICIAN        | READ   | 1  | false | -outside-visit-window
            after-window           | CLINICIAN        | REMAIN | 1  | false | -outside-visit-window
            closed-visit           | CLINICIAN        | READ   | 1  | false | -outside-visit-window
            closed-visit           | CLINICIAN        | REMAIN | 1  | false | -outside-visit-window
            patient-in-window      | CLINICIAN        | READ   | 1  | false | -live-visit-needs-visit
            unknown-visit          | CLINICIAN        | READ   | 1  | false | -unknown-visit
            visit-of-other-patient | CLINICIAN        | READ   | 1  | false | -visit-patient-mismatch
            own-visit              | STAFF            | READ   | 1  | false | -staff-no-clinical
            own-visit              | STAFF            | REMAIN | 1  | false | -staff-no-clinical
            own-visit              | ADMIN            | READ   | 1  | false | -role-no-phi
            own-visit              | SECURITY_OFFICER | READ   | 1  | false | -role-no-phi
            own-visit              | AUDITOR          | READ   | 1  | false | -role-no-phi
            """)
    void liveVisitTable(
            String situation, Role role, Intent intent, int mfaMinutesAgo, boolean breakGlass, String expected) {
        Situations.Ctx c = situation(situation)
                .as(role)
                .mfaAgo(Duration.ofMinutes(mfaMinutesAgo))
                .data(DataClass.LIVE_VISIT)
                .intent(intent);
        assertVerdict((breakGlass ? c.breakGlass() : c).decide(), expected, role);
    }

    @Test
    void clinicianWhoIsAlsoStaffEntersOnlyTheirOwnLiveVisit() {
        assertVerdict(
                ctx().as(Role.CLINICIAN, Role.STAFF).data(DataClass.LIVE_VISIT).decide(),
                "+care-team-live-visit",
                Role.CLINICIAN);
        assertVerdict(
                ctx().through(THEIR_VISIT, theirVisit())
                        .as(Role.CLINICIAN, Role.STAFF)
                        .data(DataClass.LIVE_VISIT)
                        .decide(),
                "-not-on-care-team",
                Role.CLINICIAN);
    }

    // --- rule 7f: remote-monitoring vitals (data class VITALS) ---

    static Situations.Ctx vitalsSituation(String name) {
        Situations.Ctx c = ctx().data(DataClass.VITALS);
        return switch (name) {
            case "verified-visit-today" -> c.patientOnly(List.of(myVisit(true, false)));
            case "verified-visit-29-days-ago" ->
                c.patientOnly(List.of(myVisit(true, false))).at(START.plus(Duration.ofDays(29)));
            case "verified-visit-31-days-ago" ->
                c.patientOnly(List.of(myVisit(true, false))).at(START.plus(Duration.ofDays(31)));
            case "unverified-visit" -> c.patientOnly(List.of(myVisit(false, false)));
            case "colleagues-verified-visit" -> c.patientOnly(List.of(theirVisit()));
            case "no-visit" -> c.patientOnly(List.of());
            case "no-patient" -> c.patientOnly(List.of(myVisit(true, false))).patient(null);
            case "verified-visit-of-other-patient" ->
                c.patientOnly(List.of(RulesTests.earlier(OTHER_PATIENT, true, ME)));
            default -> throw new IllegalArgumentException(name);
        };
    }

    @ParameterizedTest(name = "VITALS as {1} with {0}: {2}")
    @CsvSource(delimiter = '|', textBlock = """
            verified-visit-today            | CLINICIAN        | +care-team-monitoring
            verified-visit-29-days-ago      | CLINICIAN        | +care-team-monitoring
            verified-visit-31-days-ago      | CLINICIAN        | -no-monitoring-relationship
            unverified-visit                | CLINICIAN        | -no-monitoring-relationship
            colleagues-verified-visit       | CLINICIAN        | -no-care-relationship
            no-visit                        | CLINICIAN        | -no-care-relationship
            no-patient                      | CLINICIAN        | -vitals-need-patient
            verified-visit-of-other-patient | CLINICIAN        | -no-care-relationship
            verified-visit-today            | STAFF            | -staff-no-clinical
            no-visit                        | STAFF            | -staff-no-clinical
            verified-visit-today            | ADMIN            | -role-no-phi
            verified-visit-today            | SECURITY_OFFICER | -role-no-phi
            verified-visit-today            | AUDITOR          | -role-no-phi
            """)
    void vitalsRuleTable(String situation, Role role, String expected) {
        assertVerdict(vitalsSituation(situation).as(role).decide(), expected, role);
    }

    @Test
    void vitalsNeedAFreshMfaAndBreakGlassOpensThem() {
        Verdict stale = vitalsSituation("verified-visit-today")
                .as(Role.CLINICIAN)
                .mfaAgo(Duration.ofMinutes(16))
                .decide();
        assertVerdict(stale, "-step-up-required", Role.CLINICIAN);
        Verdict emergency =
                vitalsSituation("no-visit").as(Role.CLINICIAN).breakGlass().decide();
        assertThat(emergency.allowed()).isTrue();
        assertThat(emergency.breakGlass()).isTrue();
    }

    // --- rule 7e and the intents: scheduling oneself, check-in, identity data before the identity step ---

    static final UUID NEW_VISIT = UUID.fromString("00000000-0000-0000-0000-00000000b0aa");

    /** A new visit of the patient (the one being created), with the given care team. */
    static VisitFacts proposed(UUID... team) {
        return new VisitFacts(NEW_VISIT, PATIENT, Set.of(team), START, END, false, false);
    }

    static VisitFacts earlier(UUID patient, boolean verified, UUID... team) {
        return new VisitFacts(
                UUID.randomUUID(),
                patient,
                Set.of(team),
                START.minus(Duration.ofDays(30)),
                END.minus(Duration.ofDays(30)),
                verified,
                false);
    }

    static Situations.Ctx intentSituation(String name) {
        Situations.Ctx c = ctx();
        return switch (name) {
            case "create-self-no-relationship" ->
                c.through(NEW_VISIT, proposed(ME)).patientOnlyKeepVisit(List.of());
            case "create-self-earlier-unverified" ->
                c.through(NEW_VISIT, proposed(ME)).patientOnlyKeepVisit(List.of(earlier(PATIENT, false, ME)));
            case "create-self-earlier-verified" ->
                c.through(NEW_VISIT, proposed(ME, OTHER_CLINICIAN))
                        .patientOnlyKeepVisit(List.of(earlier(PATIENT, true, ME)));
            case "create-self-colleagues-verified" ->
                c.through(NEW_VISIT, proposed(ME))
                        .patientOnlyKeepVisit(List.of(earlier(PATIENT, true, OTHER_CLINICIAN)));
            case "create-self-other-patient-verified" ->
                c.through(NEW_VISIT, proposed(ME)).patientOnlyKeepVisit(List.of(earlier(OTHER_PATIENT, true, ME)));
            case "create-self-only-this-visit" ->
                c.through(NEW_VISIT, proposed(ME))
                        .patientOnlyKeepVisit(
                                List.of(new VisitFacts(NEW_VISIT, PATIENT, Set.of(ME), START, END, true, false)));
            case "create-colleague" ->
                c.through(NEW_VISIT, proposed(OTHER_CLINICIAN)).patientOnlyKeepVisit(List.of());
            case "own-visit" -> c;
            case "other-clinicians-visit" -> c.through(THEIR_VISIT, theirVisit());
            case "own-visit-unverified" -> c.through(MY_VISIT, myVisit(false, false));
            case "patient-in-window-verified" -> c.patientOnly(List.of(myVisit(true, false)));
            case "patient-in-window-unverified" -> c.patientOnly(List.of(myVisit(false, false)));
            default -> throw new IllegalArgumentException(name);
        };
    }

    @ParameterizedTest(name = "{1} {2} {3} in {0}: {4}")
    @CsvSource(delimiter = '|', textBlock = """
            create-self-no-relationship        | CLINICIAN | CREATE   | SCHEDULING   | -no-prior-care-relationship
            create-self-earlier-unverified     | CLINICIAN | CREATE   | SCHEDULING   | -no-prior-care-relationship
            create-self-colleagues-verified    | CLINICIAN | CREATE   | SCHEDULING   | -no-prior-care-relationship
            create-self-other-patient-verified | CLINICIAN | CREATE   | SCHEDULING   | -no-prior-care-relationship
            create-self-only-this-visit        | CLINICIAN | CREATE   | SCHEDULING   | -no-prior-care-relationship
            create-self-earlier-verified       | CLINICIAN | CREATE   | SCHEDULING   | +prior-care-relationship
            create-colleague                   | CLINICIAN | CREATE   | SCHEDULING   | +clinician-registration
            create-self-no-relationship        | STAFF     | CREATE   | SCHEDULING   | +staff-front-desk
            create-self-no-relationship        | ADMIN     | CREATE   | SCHEDULING   | -role-no-phi
            own-visit                          | CLINICIAN | CHECK_IN | SCHEDULING   | -check-in-staff-only
            own-visit-unverified               | CLINICIAN | CHECK_IN | SCHEDULING   | -check-in-staff-only
            other-clinicians-visit             | CLINICIAN | CHECK_IN | SCHEDULING   | -not-on-care-team
            own-visit                          | STAFF     | CHECK_IN | SCHEDULING   | +staff-front-desk
            own-visit                          | CLINICIAN | CHANGE   | SCHEDULING   | +care-team-schedule
            own-visit-unverified               | CLINICIAN | READ     | DEMOGRAPHICS | ~care-team-visit-window
            own-visit-unverified               | CLINICIAN | CHANGE   | DEMOGRAPHICS | -identity-step-pending
            own-visit                          | CLINICIAN | READ     | DEMOGRAPHICS | +care-team-visit-window
            own-visit                          | CLINICIAN | CHANGE   | DEMOGRAPHICS | +care-team-visit-window
            patient-in-window-unverified       | CLINICIAN | READ     | DEMOGRAPHICS | ~care-team-visit-window
            patient-in-window-unverified       | CLINICIAN | CHANGE   | DEMOGRAPHICS | -identity-step-pending
            patient-in-window-verified         | CLINICIAN | READ     | DEMOGRAPHICS | +care-team-visit-window
            patient-in-window-verified         | CLINICIAN | CHANGE   | DEMOGRAPHICS | +care-team-visit-window
            patient-in-window-unverified       | STAFF     | READ     | DEMOGRAPHICS | +staff-front-desk
            patient-in-window-unverified       | STAFF     | CHANGE   | DEMOGRAPHICS | +staff-front-desk
            """)
    void intentTable(String situation, Role role, Intent intent, DataClass data, String expected) {
        assertVerdict(
                intentSituation(situation).as(role).intent(intent).data(data).decide(),
                expected,
                role == Role.ADMIN ? Role.ADMIN : role);
    }

    @Test
    void breakGlassNeitherSchedulesTheClinicianNorChecksInNorBeatsMasking() {
        assertThat(intentSituation("create-self-no-relationship")
                        .as(Role.CLINICIAN)
                        .intent(Intent.CREATE)
                        .data(DataClass.SCHEDULING)
                        .breakGlass()
                        .decide())
                .isEqualTo(new Verdict(false, "no-prior-care-relationship", Role.CLINICIAN, false));
        assertThat(ctx().as(Role.CLINICIAN)
                        .intent(Intent.CHECK_IN)
                        .data(DataClass.SCHEDULING)
                        .breakGlass()
                        .decide())
                .isEqualTo(new Verdict(false, "check-in-staff-only", Role.CLINICIAN, false));
    }

    @Test
    void aFrontDeskClinicianIsDecidedAsTheClinicianOfTheirOwnPatients() {
        assertThat(intentSituation("own-visit-unverified")
                        .as(Role.CLINICIAN, Role.STAFF)
                        .data(DataClass.DEMOGRAPHICS)
                        .decide())
                .isEqualTo(new Verdict(true, "care-team-visit-window", Role.CLINICIAN, false, true));
        assertThat(intentSituation("patient-in-window-unverified")
                        .as(Role.CLINICIAN, Role.STAFF)
                        .intent(Intent.CHANGE)
                        .data(DataClass.DEMOGRAPHICS)
                        .decide())
                .isEqualTo(new Verdict(false, "identity-step-pending", Role.CLINICIAN, false));
        assertThat(intentSituation("create-self-no-relationship")
                        .as(Role.CLINICIAN, Role.STAFF)
                        .intent(Intent.CREATE)
                        .data(DataClass.SCHEDULING)
                        .decide())
                .isEqualTo(new Verdict(false, "no-prior-care-relationship", Role.CLINICIAN, false));
        assertThat(ctx().as(Role.CLINICIAN, Role.STAFF)
                        .intent(Intent.CHECK_IN)
                        .data(DataClass.SCHEDULING)
                        .decide())
                .isEqualTo(new Verdict(false, "check-in-staff-only", Role.CLINICIAN, false));
        // Another clinician's patient: the front-desk role applies as for any staff member.
        assertThat(ctx().through(THEIR_VISIT, theirVisit())
                        .as(Role.CLINICIAN, Role.STAFF)
                        .intent(Intent.CHECK_IN)
                        .data(DataClass.SCHEDULING)
                        .decide())
                .isEqualTo(new Verdict(true, "staff-front-desk", Role.STAFF, false));
        assertThat(intentSituation("create-colleague")
                        .as(Role.CLINICIAN, Role.STAFF)
                        .intent(Intent.CREATE)
                        .data(DataClass.SCHEDULING)
                        .decide())
                .isEqualTo(new Verdict(true, "clinician-registration", Role.CLINICIAN, false));
    }

    // --- rule 1: the session ---

    @Test
    void deniesWithoutPrincipalOrWithoutCompletedMfa() {
        Verdict none = ctx().decide();
        assertThat(none).isEqualTo(new Verdict(false, "no-mfa-session", null, false));
        Situations.Ctx pending = ctx();
        pending.principal = new WorkforcePrincipal(ME, "me", Set.of(Role.CLINICIAN), DURING, null, null, "session-ref");
        assertThat(pending.decide()).isEqualTo(new Verdict(false, "no-mfa-session", null, false));
    }

    // --- rules 2 and 3: device posture and training, under ALLOW and DENY ---

    @ParameterizedTest
    @EnumSource(Role.class)
    void noncompliantDeviceOrOverdueTrainingDenyEveryRole(Role role) {
        assertThat(ctx().as(role).posture(DevicePosture.NONCOMPLIANT).decide().rule())
                .isEqualTo("device-noncompliant");
        assertThat(ctx().as(role).training(TrainingStatus.OVERDUE).decide().rule())
                .isEqualTo("training-overdue");
        assertThat(ctx().as(role)
                        .posture(DevicePosture.NONCOMPLIANT)
                        .training(TrainingStatus.OVERDUE)
                        .decide()
                        .rule())
                .as("posture is checked before training")
                .isEqualTo("device-noncompliant");
    }

    @Test
    void unknownPostureAndTrainingFollowTheirSettings() {
        Verdict allowed = ctx().as(Role.CLINICIAN).decide();
        assertThat(allowed.allowed()).isTrue();
        assertThat(allowed.rule()).isEqualTo("care-team-visit-window");

        Verdict device = ctx().as(Role.CLINICIAN).unknownMeans("DENY", "ALLOW").decide();
        assertThat(device).isEqualTo(new Verdict(false, "device-posture-unknown", Role.CLINICIAN, false));
        Verdict training =
                ctx().as(Role.CLINICIAN).unknownMeans("ALLOW", "DENY").decide();
        assertThat(training).isEqualTo(new Verdict(false, "training-status-unknown", Role.CLINICIAN, false));

        Verdict known = ctx().as(Role.CLINICIAN)
                .unknownMeans("DENY", "DENY")
                .posture(DevicePosture.COMPLIANT)
                .training(TrainingStatus.CURRENT)
                .decide();
        assertThat(known.allowed()).as("known good inputs pass under DENY").isTrue();
        assertThat(ctx().as(Role.STAFF)
                        .data(DataClass.SCHEDULING)
                        .unknownMeans("DENY", "ALLOW")
                        .decide())
                .isEqualTo(new Verdict(false, "device-posture-unknown", Role.STAFF, false));
    }

    // --- rule 7: MFA freshness for clinical data ---

    @Test
    void clinicalDataNeedsMfaWithinTheClinicalMaxAge() {
        Verdict stale = ctx().as(Role.CLINICIAN)
                .mfaAgo(Duration.ofMinutes(15).plusSeconds(1))
                .decide();
        assertThat(stale).isEqualTo(new Verdict(false, "step-up-required", Role.CLINICIAN, false));
        Verdict edge = ctx().as(Role.CLINICIAN).mfaAgo(Duration.ofMinutes(15)).decide();
        assertThat(edge.allowed()).as("exactly the max age is still fresh").isTrue();
        Verdict demographics = ctx().as(Role.CLINICIAN)
                .mfaAgo(Duration.ofHours(2))
                .data(DataClass.DEMOGRAPHICS)
                .decide();
        assertThat(demographics.allowed()).as("demographics need no step-up").isTrue();
        Verdict unverifiedAndStale = ctx().as(Role.CLINICIAN)
                .through(MY_VISIT, myVisit(false, false))
                .mfaAgo(Duration.ofHours(2))
                .decide();
        assertThat(unverifiedAndStale.rule())
                .as("identity is checked before MFA age")
                .isEqualTo("identity-not-verified");
    }

    // --- rule 7a: break-glass ---

    @Test
    void breakGlassOpensThePatientWithoutCareTeamWindowOrVerification() {
        Verdict chart = ctx().as(Role.CLINICIAN)
                .through(THEIR_VISIT, theirVisit())
                .at(WINDOW_CLOSES.plusSeconds(60))
                .breakGlass()
                .decide();
        assertThat(chart).isEqualTo(new Verdict(true, "break-glass", Role.CLINICIAN, true));
        Verdict unverified = ctx().as(Role.CLINICIAN)
                .through(MY_VISIT, myVisit(false, true))
                .breakGlass()
                .decide();
        assertThat(unverified).isEqualTo(new Verdict(true, "break-glass", Role.CLINICIAN, true));
        Verdict patientOnly =
                ctx().as(Role.CLINICIAN).patientOnly(List.of()).breakGlass().decide();
        assertThat(patientOnly).isEqualTo(new Verdict(true, "break-glass", Role.CLINICIAN, true));
    }

    @Test
    void breakGlassStillNeedsFreshMfaForClinicalData() {
        Verdict stale = ctx().as(Role.CLINICIAN)
                .patientOnly(List.of())
                .breakGlass()
                .mfaAgo(Duration.ofMinutes(16))
                .decide();
        assertThat(stale).isEqualTo(new Verdict(false, "step-up-required", Role.CLINICIAN, false));
        Verdict demographics = ctx().as(Role.CLINICIAN)
                .patientOnly(List.of())
                .breakGlass()
                .mfaAgo(Duration.ofMinutes(16))
                .data(DataClass.DEMOGRAPHICS)
                .decide();
        assertThat(demographics.breakGlass()).isTrue();
    }

    @Test
    void breakGlassDoesNotLiftTheGatesBeforeTheRoleRules() {
        assertThat(ctx().as(Role.CLINICIAN)
                        .breakGlass()
                        .through(MISSING_VISIT, null)
                        .decide()
                        .rule())
                .isEqualTo("unknown-visit");
        assertThat(ctx().as(Role.CLINICIAN)
                        .breakGlass()
                        .patient(OTHER_PATIENT)
                        .decide()
                        .rule())
                .isEqualTo("visit-patient-mismatch");
        assertThat(ctx().as(Role.CLINICIAN)
                        .breakGlass()
                        .posture(DevicePosture.NONCOMPLIANT)
                        .decide()
                        .rule())
                .isEqualTo("device-noncompliant");
    }

    @Test
    void breakGlassGrantMeansNothingToOtherRoles() {
        assertThat(ctx().as(Role.STAFF).breakGlass().decide())
                .isEqualTo(new Verdict(false, "staff-no-clinical", Role.STAFF, false));
        assertThat(ctx().as(Role.ADMIN).breakGlass().decide())
                .isEqualTo(new Verdict(false, "role-no-phi", Role.ADMIN, false));
    }

    // --- rule 5: several roles ---

    @Test
    void severalRolesAllowWhenAnyRoleAllowsAndReportTheMostSpecificDenial() {
        assertThat(ctx().as(Role.CLINICIAN, Role.STAFF).decide())
                .isEqualTo(new Verdict(true, "care-team-visit-window", Role.CLINICIAN, false));
        assertThat(ctx().as(Role.CLINICIAN, Role.STAFF)
                        .through(THEIR_VISIT, theirVisit())
                        .decide())
                .as("clinician denial beats staff-no-clinical")
                .isEqualTo(new Verdict(false, "not-on-care-team", Role.CLINICIAN, false));
        assertThat(ctx().as(Role.CLINICIAN, Role.STAFF)
                        .patientOnly(List.of())
                        .data(DataClass.DEMOGRAPHICS)
                        .decide())
                .as("staff allows what the clinician rule denies")
                .isEqualTo(new Verdict(true, "staff-front-desk", Role.STAFF, false));
        assertThat(ctx().as(Role.CLINICIAN, Role.ADMIN)
                        .at(WINDOW_CLOSES.plusSeconds(1))
                        .decide())
                .isEqualTo(new Verdict(false, "outside-visit-window", Role.CLINICIAN, false));
        assertThat(ctx().as(Role.STAFF, Role.AUDITOR).decide())
                .isEqualTo(new Verdict(false, "staff-no-clinical", Role.STAFF, false));
        assertThat(ctx().as(Role.AUDITOR, Role.SECURITY_OFFICER).decide())
                .isEqualTo(new Verdict(false, "role-no-phi", Role.SECURITY_OFFICER, false));
    }

    @Test
    void anAllowOnTheNormalRulesIsPreferredToBreakGlass() {
        assertThat(ctx().as(Role.CLINICIAN, Role.STAFF)
                        .patientOnly(List.of())
                        .data(DataClass.DEMOGRAPHICS)
                        .breakGlass()
                        .decide())
                .isEqualTo(new Verdict(true, "staff-front-desk", Role.STAFF, false));
        assertThat(ctx().as(Role.CLINICIAN, Role.STAFF)
                        .patientOnly(List.of())
                        .breakGlass()
                        .decide())
                .isEqualTo(new Verdict(true, "break-glass", Role.CLINICIAN, true));
    }

    // --- rules 8 and 9 ---

    @Test
    void aPrincipalWithoutRolesIsDeniedByDefault() {
        assertThat(ctx().as().decide()).isEqualTo(new Verdict(false, "default-deny", null, false));
        assertThat(ctx().as()
                        .data(DataClass.SCHEDULING)
                        .patientOnly(List.of())
                        .patient(null)
                        .decide())
                .isEqualTo(new Verdict(false, "default-deny", null, false));
    }

    @Test
    void visitsOfOtherPatientsOrWithoutMeDoNotOpenAPatient() {
        var otherPatients =
                new health.securevisit.access.VisitFacts(MY_VISIT, OTHER_PATIENT, Set.of(ME), START, END, true, false);
        assertThat(ctx().as(Role.CLINICIAN)
                        .patientOnly(List.of(otherPatients, theirVisit()))
                        .data(DataClass.DEMOGRAPHICS)
                        .decide())
                .isEqualTo(new Verdict(false, "no-care-relationship", Role.CLINICIAN, false));
    }

    /** The facts of an incident's investigation, by name, for the rows of rule 5i. */
    static InvestigationFacts incidentFacts(String name) {
        IncidentId incident = IncidentId.of(INCIDENT);
        return switch (name) {
            case "open-in-scope" -> new InvestigationFacts(incident, true, true, false);
            case "open-in-scope-notice" -> new InvestigationFacts(incident, true, true, true);
            case "closed" -> new InvestigationFacts(incident, false, true, true);
            case "not-in-scope" -> new InvestigationFacts(incident, true, false, true);
            case "other-incident" -> new InvestigationFacts(IncidentId.of(OTHER_INCIDENT), true, true, true);
            default -> throw new IllegalArgumentException(name);
        };
    }

    @ParameterizedTest(name = "{0} investigating ({1}, {2}): {3}")
    @CsvSource(delimiter = '|', textBlock = """
            SECURITY_OFFICER           | open-in-scope        | COUNTS      | +incident-investigation
            SECURITY_OFFICER           | open-in-scope        | PER_PATIENT | -notice-not-required
            SECURITY_OFFICER           | open-in-scope-notice | PER_PATIENT | +incident-investigation
            SECURITY_OFFICER           | closed               | COUNTS      | -incident-closed
            SECURITY_OFFICER           | not-in-scope         | COUNTS      | -patient-not-in-incident
            SECURITY_OFFICER           | other-incident       | COUNTS      | -unknown-incident
            SECURITY_OFFICER           | unknown              | COUNTS      | -unknown-incident
            SECURITY_OFFICER,CLINICIAN | open-in-scope        | COUNTS      | +incident-investigation
            ADMIN                      | open-in-scope        | COUNTS      | -investigation-officer-only
            AUDITOR                    | open-in-scope        | COUNTS      | -investigation-officer-only
            STAFF                      | open-in-scope        | COUNTS      | -investigation-officer-only
            CLINICIAN                  | open-in-scope        | COUNTS      | -investigation-officer-only
            """)
    void residenceOnlyForAnOfficerInvestigatingAnOpenIncidentsOwnPatients(
            String roles, String facts, Investigation.Disclosure disclosure, String expected) {
        Role[] held =
                java.util.Arrays.stream(roles.split(",")).map(Role::valueOf).toArray(Role[]::new);
        Situations.Ctx c =
                ctx().as(held).forIncident(disclosure, facts.equals("unknown") ? null : incidentFacts(facts));
        Verdict v = c.decide();
        assertThat(v.allowed()).as(expected).isEqualTo(expected.startsWith("+"));
        assertThat(v.rule()).isEqualTo(expected.substring(1));
        if (v.allowed()) {
            assertThat(v.role()).isEqualTo(Role.SECURITY_OFFICER);
            assertThat(v.breakGlass()).isFalse();
        }
    }

    @Test
    void theInvestigationPurposeOpensNothingButResidence() {
        // An officer's incident purpose does not open demographics or clinical data of the same patient.
        for (DataClass other : List.of(DataClass.DEMOGRAPHICS, DataClass.CLINICAL, DataClass.SCHEDULING)) {
            Verdict v = ctx().as(Role.SECURITY_OFFICER)
                    .forIncident(Investigation.Disclosure.COUNTS, incidentFacts("open-in-scope-notice"))
                    .data(other)
                    .decide();
            assertThat(v.rule()).as(other.name()).isEqualTo("investigation-minimum-necessary");
            assertThat(v.allowed()).isFalse();
        }
        // Residence without an incident: nobody, not even staff or the patient's own clinician in a window.
        assertThat(ctx().as(Role.SECURITY_OFFICER)
                        .patientOnly(List.of())
                        .data(DataClass.RESIDENCE)
                        .decide()
                        .rule())
                .isEqualTo("investigation-needs-incident");
        assertThat(ctx().as(Role.STAFF).data(DataClass.RESIDENCE).decide().rule())
                .isEqualTo("investigation-officer-only");
        assertThat(ctx().as(Role.CLINICIAN).data(DataClass.RESIDENCE).decide().rule())
                .isEqualTo("investigation-officer-only");
        // Without a patient the request names nobody to read.
        assertThat(ctx().as(Role.SECURITY_OFFICER)
                        .forIncident(Investigation.Disclosure.COUNTS, incidentFacts("open-in-scope"))
                        .patient(null)
                        .decide()
                        .rule())
                .isEqualTo("investigation-needs-incident");
        // The device and training gates still come first.
        assertThat(ctx().as(Role.SECURITY_OFFICER)
                        .forIncident(Investigation.Disclosure.COUNTS, incidentFacts("open-in-scope"))
                        .training(TrainingStatus.OVERDUE)
                        .decide()
                        .rule())
                .isEqualTo("training-overdue");
    }
}
