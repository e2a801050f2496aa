package health.securevisit.access.internal;

import static health.securevisit.access.internal.Situations.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import health.securevisit.access.AccessDecision;
import health.securevisit.access.AccessDeniedByPolicyException;
import health.securevisit.access.AccessProbe;
import health.securevisit.access.AccessRequest;
import health.securevisit.access.DataClass;
import health.securevisit.access.DevicePosture;
import health.securevisit.access.IncidentId;
import health.securevisit.access.Intent;
import health.securevisit.access.Investigation;
import health.securevisit.access.InvestigationFacts;
import health.securevisit.access.Investigations;
import health.securevisit.access.PatientId;
import health.securevisit.access.PostureSources.DevicePostures;
import health.securevisit.access.PostureSources.TrainingStatuses;
import health.securevisit.access.TrainingStatus;
import health.securevisit.access.VisitId;
import health.securevisit.audit.AuditEvent;
import health.securevisit.audit.AuditUnavailableException;
import health.securevisit.audit.Outcome;
import health.securevisit.audit.PurposeOfUse;
import health.securevisit.identity.Role;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The decision point gathers its inputs, lets the rules decide, and audits before it answers. */
class PolicyDecisionPointTests {

    static final AccessRequest CHART =
            request("chart.read", DataClass.CLINICAL, "chart", MY_VISIT.toString(), PATIENT, MY_VISIT);
    static final AccessRequest PATIENT_READ =
            request("patient.read", DataClass.DEMOGRAPHICS, "patient", PATIENT.toString(), PATIENT, null);

    final AccessFixture fixture =
            new AccessFixture(DURING).with("visits", new AccessProbe.ProbeVisits().add(myVisit(true, false)));

    void signIn(Role... roles) {
        fixture.principal.current = principal(fixture.clock.instant().minus(Duration.ofMinutes(1)), roles);
    }

    @Test
    void decidesOnTheVisitFactsPassedInTheRequestWithoutLookingThemUp() {
        // No CareRelationships bean at all: only the facts in the request can open the chart.
        AccessFixture bare = new AccessFixture(DURING);
        bare.principal.current = principal(bare.clock.instant().minus(Duration.ofMinutes(1)), Role.CLINICIAN);
        AccessRequest byId = request("chart.read", DataClass.CLINICAL, "chart", MY_VISIT.toString(), PATIENT, MY_VISIT);
        assertThat(bare.policy().decide(byId).rule()).isEqualTo("unknown-visit");
        AccessRequest withFacts =
                AccessRequest.visit("chart.read", DataClass.CLINICAL, Intent.READ, "chart", myVisit(true, false));
        AccessDecision decision = bare.policy().decide(withFacts);
        assertThat(decision.allowed()).isTrue();
        assertThat(decision.rule()).isEqualTo("care-team-visit-window");
        assertThat(bare.trail.last().visitId()).isEqualTo(MY_VISIT.toString());
        assertThat(bare.trail.last().patientId()).isEqualTo(PATIENT.toString());
        // Facts of another visit than the one named cannot be passed.
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new AccessRequest(
                        "chart.read",
                        DataClass.CLINICAL,
                        Intent.READ,
                        "chart",
                        null,
                        PatientId.of(PATIENT),
                        VisitId.of(THEIR_VISIT),
                        myVisit(true, false)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aMaskedAllowIsReportedInTheDecision() {
        AccessFixture fx =
                new AccessFixture(DURING).with("visits", new AccessProbe.ProbeVisits().add(myVisit(false, false)));
        fx.principal.current = principal(fx.clock.instant().minus(Duration.ofMinutes(1)), Role.CLINICIAN);
        AccessDecision read = fx.policy()
                .decide(AccessRequest.patient(
                        "patient.read", DataClass.DEMOGRAPHICS, Intent.READ, PatientId.of(PATIENT)));
        assertThat(read.allowed()).isTrue();
        assertThat(read.identityDataMasked()).isTrue();
        assertThatThrownBy(() -> fx.policy()
                        .authorize(AccessRequest.patient(
                                "patient.update", DataClass.DEMOGRAPHICS, Intent.CHANGE, PatientId.of(PATIENT))))
                .isInstanceOf(AccessDeniedByPolicyException.class)
                .hasFieldOrPropertyWithValue("code", "identity-not-verified");
        assertThat(fx.trail.last().reason()).isEqualTo("identity-step-pending");
    }

    @Test
    void anAllowedDecisionIsAuditedWithTheRuleAndEveryIdentifier() {
        signIn(Role.CLINICIAN);
        AccessDecision decision = fixture.policy().authorize(CHART);
        assertThat(decision.allowed()).isTrue();
        assertThat(decision.rule()).isEqualTo("care-team-visit-window");
        assertThat(decision.breakGlass()).isFalse();
        assertThat(fixture.trail.events).hasSize(1);
        assertThat(decision.auditSeq()).isEqualTo(1001);
        AuditEvent event = fixture.trail.last();
        assertThat(event.action()).isEqualTo("chart.read");
        assertThat(event.outcome()).isEqualTo(Outcome.SUCCESS);
        assertThat(event.reason()).isEqualTo("care-team-visit-window");
        assertThat(event.actorId()).isEqualTo(ME.toString());
        assertThat(event.actorRole()).isEqualTo("CLINICIAN");
        assertThat(event.sessionRef()).isEqualTo("session-ref");
        assertThat(event.authMethod()).isEqualTo("password+totp");
        assertThat(event.resourceType()).isEqualTo("chart");
        assertThat(event.resourceId()).isEqualTo(MY_VISIT.toString());
        assertThat(event.patientId()).isEqualTo(PATIENT.toString());
        assertThat(event.visitId()).isEqualTo(MY_VISIT.toString());
        assertThat(event.purpose()).isEqualTo(PurposeOfUse.TREATMENT);
    }

    @Test
    void aDenialIsAuditedBeforeItIsThrownWithoutDetail() {
        signIn(Role.STAFF);
        assertThatThrownBy(() -> fixture.policy().authorize(CHART))
                .isInstanceOfSatisfying(AccessDeniedByPolicyException.class, e -> {
                    assertThat(e.code()).isEqualTo("access-denied");
                    assertThat(e.rule()).isEqualTo("staff-no-clinical");
                    assertThat(e.getMessage()).isEqualTo("You are not allowed to see this.");
                });
        AuditEvent event = fixture.trail.last();
        assertThat(event.outcome()).isEqualTo(Outcome.DENIED);
        assertThat(event.reason()).isEqualTo("staff-no-clinical");
        assertThat(event.actorRole()).isEqualTo("STAFF");
        assertThat(event.purpose()).isEqualTo(PurposeOfUse.OPERATIONS);
    }

    @Test
    void decideReturnsDenialsWithoutThrowingAndStillAuditsThem() {
        signIn(Role.ADMIN);
        AccessDecision decision = fixture.policy().decide(PATIENT_READ);
        assertThat(decision.allowed()).isFalse();
        assertThat(decision.rule()).isEqualTo("role-no-phi");
        assertThat(fixture.trail.last().outcome()).isEqualTo(Outcome.DENIED);
    }

    @Test
    void identityAndStepUpDenialsKeepTheirOwnCodes() {
        fixture.with("visits", new AccessProbe.ProbeVisits().add(myVisit(false, false)));
        signIn(Role.CLINICIAN);
        assertThatThrownBy(() -> fixture.policy().authorize(CHART))
                .isInstanceOfSatisfying(
                        AccessDeniedByPolicyException.class,
                        e -> assertThat(e.code()).isEqualTo("identity-not-verified"));
        fixture.with("visits", new AccessProbe.ProbeVisits().add(myVisit(true, false)));
        fixture.principal.current = principal(fixture.clock.instant().minus(Duration.ofMinutes(20)), Role.CLINICIAN);
        assertThatThrownBy(() -> fixture.policy().authorize(CHART))
                .isInstanceOfSatisfying(
                        AccessDeniedByPolicyException.class,
                        e -> assertThat(e.code()).isEqualTo("step-up-required"));
        assertThat(fixture.trail.events)
                .extracting(AuditEvent::reason)
                .containsExactly("identity-not-verified", "step-up-required");
    }

    @Test
    void nobodySignedInIsDeniedAndAuditedWithoutActor() {
        assertThatThrownBy(() -> fixture.policy().authorize(PATIENT_READ))
                .isInstanceOfSatisfying(
                        AccessDeniedByPolicyException.class,
                        e -> assertThat(e.rule()).isEqualTo("no-mfa-session"));
        assertThat(fixture.trail.last().actorId()).isNull();
        assertThat(fixture.trail.last().reason()).isEqualTo("no-mfa-session");
    }

    @Test
    void anUnavailableTrailFailsTheDecisionClosedForAllowsAndDenials() {
        fixture.trail.failing = true;
        signIn(Role.CLINICIAN);
        assertThatThrownBy(() -> fixture.policy().authorize(CHART)).isInstanceOf(AuditUnavailableException.class);
        assertThatThrownBy(() -> fixture.policy().decide(CHART)).isInstanceOf(AuditUnavailableException.class);
        signIn(Role.STAFF);
        assertThatThrownBy(() -> fixture.policy().authorize(CHART)).isInstanceOf(AuditUnavailableException.class);
    }

    @Test
    void withoutCareRelationshipsEveryVisitIsUnknown() {
        fixture.beans.clear();
        signIn(Role.CLINICIAN);
        assertThat(fixture.policy().decide(CHART).rule()).isEqualTo("unknown-visit");
        assertThat(fixture.policy().decide(PATIENT_READ).rule()).isEqualTo("no-care-relationship");
    }

    @Test
    void twoCareRelationshipBeansAreNotGuessedBetween() {
        fixture.with("second", new AccessProbe.ProbeVisits().add(myVisit(true, false)));
        signIn(Role.CLINICIAN);
        assertThat(fixture.policy().decide(CHART).rule()).isEqualTo("unknown-visit");
    }

    @Test
    void postureAndTrainingComeFromTheirBeansWhenPresent() {
        signIn(Role.CLINICIAN);
        fixture.with("devices", (DevicePostures) (user, device) -> DevicePosture.NONCOMPLIANT);
        assertThat(fixture.policy().decide(CHART).rule()).isEqualTo("device-noncompliant");
        fixture.with("devices", (DevicePostures) (user, device) -> DevicePosture.COMPLIANT);
        fixture.with("training", (TrainingStatuses) user -> TrainingStatus.OVERDUE);
        assertThat(fixture.policy().decide(CHART).rule()).isEqualTo("training-overdue");
    }

    @Test
    void anOverdueTrainingDenialSaysSoAndWhereToFixIt() {
        signIn(Role.CLINICIAN);
        fixture.with("devices", (DevicePostures) (user, device) -> DevicePosture.COMPLIANT);
        fixture.with("training", (TrainingStatuses) user -> TrainingStatus.OVERDUE);
        assertThatThrownBy(() -> fixture.policy().authorize(CHART))
                .isInstanceOfSatisfying(AccessDeniedByPolicyException.class, e -> {
                    assertThat(e.code()).isEqualTo("training-overdue");
                    assertThat(e.rule()).isEqualTo("training-overdue");
                    assertThat(e.getMessage()).contains("/account/training");
                });
        assertThat(fixture.trail.last().reason()).isEqualTo("training-overdue");
    }

    @Test
    void unknownPostureIsDeniedWhenTheSettingSaysSo() {
        fixture.settings = Situations.settings("deny", "allow");
        signIn(Role.CLINICIAN);
        assertThat(fixture.policy().decide(CHART).rule()).isEqualTo("device-posture-unknown");
    }

    // --- break-glass grants from the grant table ---

    void grant(UUID clinician, UUID patient, java.time.Instant at) {
        fixture.grants.insert(
                new health.securevisit.access.BreakGlassGrant(
                        UUID.randomUUID(), clinician, patient, at, at.plus(Duration.ofMinutes(60)), UUID.randomUUID()),
                "an emergency reason of some length");
    }

    @Test
    void anActiveGrantOpensThePatientAsBreakGlassWithPurposeEmergency() {
        grant(ME, OTHER_PATIENT, fixture.clock.instant().minusSeconds(60));
        signIn(Role.CLINICIAN);
        AccessRequest read =
                request("patient.read", DataClass.CLINICAL, "patient", OTHER_PATIENT.toString(), OTHER_PATIENT, null);
        AccessDecision decision = fixture.policy().authorize(read);
        assertThat(decision.breakGlass()).isTrue();
        assertThat(decision.rule()).isEqualTo("break-glass");
        assertThat(fixture.trail.last().purpose()).isEqualTo(PurposeOfUse.EMERGENCY);
        assertThat(fixture.trail.last().reason()).isEqualTo("break-glass");
    }

    @Test
    void aGrantIsNotRecordedAsAnEmergencyWhenTheCareTeamRuleAllowsAnyway() {
        grant(ME, PATIENT, fixture.clock.instant().minusSeconds(60));
        signIn(Role.CLINICIAN);
        AccessDecision own = fixture.policy().authorize(CHART);
        assertThat(own.rule()).isEqualTo("care-team-visit-window");
        assertThat(own.breakGlass()).isFalse();
        assertThat(fixture.trail.last().purpose()).isEqualTo(PurposeOfUse.TREATMENT);
        // Without a visit the normal rules deny clinical data; the grant opens it, as an emergency.
        AccessRequest noVisit = request("chart.read", DataClass.CLINICAL, "chart", null, PATIENT, null);
        AccessDecision emergency = fixture.policy().authorize(noVisit);
        assertThat(emergency.rule()).isEqualTo("break-glass");
        assertThat(fixture.trail.last().purpose()).isEqualTo(PurposeOfUse.EMERGENCY);
    }

    @Test
    void expiredGrantsOtherPatientsGrantsAndOtherCliniciansGrantsOpenNothing() {
        java.time.Instant now = fixture.clock.instant();
        grant(ME, OTHER_PATIENT, now.minus(Duration.ofMinutes(60)));
        grant(OTHER_CLINICIAN, PATIENT, now.minusSeconds(60));
        UUID third = UUID.randomUUID();
        grant(ME, third, now.minusSeconds(60));
        signIn(Role.CLINICIAN);
        AccessRequest expired = request("patient.read", DataClass.DEMOGRAPHICS, "patient", null, OTHER_PATIENT, null);
        assertThat(fixture.policy().decide(expired).rule())
                .as("expired exactly at expires_at; the grant for a third patient does not count")
                .isEqualTo("no-care-relationship");
        AccessRequest theirs = request("chart.read", DataClass.CLINICAL, "chart", null, PATIENT, null);
        assertThat(fixture.policy().decide(theirs).rule())
                .as("another clinician's grant")
                .isEqualTo("clinical-needs-visit");
        fixture.clock.now = fixture.clock.now.minusSeconds(1);
        signIn(Role.CLINICIAN);
        assertThat(fixture.policy().decide(expired).breakGlass())
                .as("one second before expiry it is still active")
                .isTrue();
    }

    @Test
    void anIncidentsResidenceReadIsDecidedOnTheIncidentsFactsAndAuditedAsCompliance() {
        java.util.List<UUID> asked = new java.util.ArrayList<>();
        Investigations incidents = (incident, patient) -> {
            asked.add(patient.value());
            return java.util.Optional.of(
                    new InvestigationFacts(incident, true, patient.value().equals(PATIENT), false));
        };
        fixture.with("incidents", incidents);
        Investigation counts = new Investigation(IncidentId.of(INCIDENT), Investigation.Disclosure.COUNTS);
        signIn(Role.SECURITY_OFFICER);
        AccessDecision allowed = fixture.policy()
                .authorize(AccessRequest.forIncident("incident.patient.residence", counts, PatientId.of(PATIENT)));
        assertThat(allowed.rule()).isEqualTo("incident-investigation");
        AuditEvent event = fixture.trail.last();
        assertThat(event.purpose()).isEqualTo(PurposeOfUse.COMPLIANCE);
        assertThat(event.resourceType()).isEqualTo("incident");
        assertThat(event.resourceId()).isEqualTo(INCIDENT.toString());
        assertThat(event.patientId()).isEqualTo(PATIENT.toString());
        assertThat(event.actorRole()).isEqualTo("SECURITY_OFFICER");

        assertThatThrownBy(() -> fixture.policy()
                        .authorize(AccessRequest.forIncident(
                                "incident.patient.residence", counts, PatientId.of(OTHER_PATIENT))))
                .isInstanceOf(AccessDeniedByPolicyException.class);
        assertThat(fixture.trail.last().reason()).isEqualTo("patient-not-in-incident");
        assertThat(fixture.trail.last().outcome()).isEqualTo(Outcome.DENIED);
        assertThat(fixture.trail.last().purpose()).isEqualTo(PurposeOfUse.COMPLIANCE);

        // a clinician is refused without the incident being asked about
        asked.clear();
        signIn(Role.CLINICIAN);
        assertThat(fixture.policy()
                        .decide(AccessRequest.forIncident("incident.patient.residence", counts, PatientId.of(PATIENT)))
                        .rule())
                .isEqualTo("investigation-officer-only");
        assertThat(asked).isEmpty();
    }
}
