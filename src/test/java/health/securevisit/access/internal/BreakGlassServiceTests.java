package health.securevisit.access.internal;

import static health.securevisit.access.internal.Situations.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import health.securevisit.access.AccessDeniedByPolicyException;
import health.securevisit.access.BreakGlassGrant;
import health.securevisit.access.BreakGlassGranted;
import health.securevisit.access.PatientId;
import health.securevisit.audit.AuditEvent;
import health.securevisit.audit.AuditUnavailableException;
import health.securevisit.audit.Outcome;
import health.securevisit.audit.PurposeOfUse;
import health.securevisit.identity.Role;
import health.securevisit.identity.StepUpRequiredException;
import health.securevisit.keys.CiphertextIntegrityException;
import health.securevisit.platform.SecureVisitException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Break-glass: who may open a grant, what is stored, raised, published and audited. */
class BreakGlassServiceTests {

    static final String REASON = "Unconscious patient in the ED, chart needed now";

    final AccessFixture fixture = new AccessFixture(DURING);

    void signIn(Duration mfaAge, Role... roles) {
        fixture.principal.current = principal(fixture.clock.instant().minus(mfaAge), roles);
    }

    @Test
    void aClinicianWithFreshMfaAndAReasonGetsAGrantAnAlertAnEventAndAnAuditRecord() {
        signIn(Duration.ofMinutes(1), Role.CLINICIAN);
        BreakGlassGrant grant = fixture.breakGlass().open(PatientId.of(PATIENT), "  " + REASON + "  ");

        Instant now = fixture.clock.instant();
        assertThat(grant.clinicianId()).isEqualTo(ME);
        assertThat(grant.patientId()).isEqualTo(PATIENT);
        assertThat(grant.grantedAt()).isEqualTo(now);
        assertThat(grant.expiresAt()).isEqualTo(now.plus(Duration.ofMinutes(60)));

        Map<String, Object> row = fixture.jdbc
                .sql("SELECT * FROM access_break_glass_grant WHERE id = ?")
                .param(grant.id())
                .query()
                .singleRow();
        assertThat(row.get("clinician_id")).isEqualTo(ME);
        assertThat(row.get("patient_id")).isEqualTo(PATIENT);
        byte[] stored = (byte[]) row.get("reason");
        assertThat(new String(stored, StandardCharsets.ISO_8859_1)).doesNotContain("Unconscious");
        assertThat(fixture.grants.reason(grant.id(), PATIENT)).as("trimmed").isEqualTo(REASON);
        assertThat(fixture.fields.decryptText(BreakGlassGrants.reasonBinding(PATIENT, grant.id()), stored))
                .isEqualTo(REASON);
        assertThatThrownBy(() ->
                        fixture.fields.decryptText(BreakGlassGrants.reasonBinding(OTHER_PATIENT, grant.id()), stored))
                .isInstanceOf(CiphertextIntegrityException.class);

        SecurityAlerts.Alert alert = fixture.alerts.page(0, 10).alerts().getFirst();
        assertThat(alert)
                .isEqualTo(new SecurityAlerts.Alert(
                        grant.alertId(), "break-glass", "HIGH", ME, PATIENT, grant.id(), now, "OPEN"));

        assertThat(fixture.published)
                .containsExactly(new BreakGlassGranted(grant.id(), grant.alertId(), ME, PATIENT, grant.expiresAt()));

        AuditEvent event = fixture.trail.last();
        assertThat(event.action()).isEqualTo("access.break-glass");
        assertThat(event.outcome()).isEqualTo(Outcome.SUCCESS);
        assertThat(event.reason()).isEqualTo("break-glass");
        assertThat(event.purpose()).isEqualTo(PurposeOfUse.EMERGENCY);
        assertThat(event.actorId()).isEqualTo(ME.toString());
        assertThat(event.actorRole()).isEqualTo("CLINICIAN");
        assertThat(event.resourceType()).isEqualTo("break-glass-grant");
        assertThat(event.resourceId()).isEqualTo(grant.id().toString());
        assertThat(event.patientId()).isEqualTo(PATIENT.toString());
        assertThat(event.toString()).doesNotContain("Unconscious");
    }

    @Test
    void aNonClinicianIsDeniedAndAudited() {
        signIn(Duration.ofMinutes(1), Role.STAFF, Role.ADMIN);
        assertThatThrownBy(() -> fixture.breakGlass().open(PatientId.of(PATIENT), REASON))
                .isInstanceOfSatisfying(AccessDeniedByPolicyException.class, e -> {
                    assertThat(e.code()).isEqualTo("access-denied");
                    assertThat(e.rule()).isEqualTo("role-not-clinician");
                });
        assertDeniedAndNothingGranted("role-not-clinician");
        assertThat(fixture.trail.last().actorRole()).isEqualTo("STAFF");
    }

    @Test
    void nobodySignedInIsDenied() {
        assertThatThrownBy(() -> fixture.breakGlass().open(PatientId.of(PATIENT), REASON))
                .isInstanceOfSatisfying(
                        AccessDeniedByPolicyException.class,
                        e -> assertThat(e.rule()).isEqualTo("no-mfa-session"));
        assertDeniedAndNothingGranted("no-mfa-session");
    }

    @Test
    void aStaleMfaNeedsAStepUpFirst() {
        signIn(Duration.ofMinutes(5).plusSeconds(1), Role.CLINICIAN);
        assertThatThrownBy(() -> fixture.breakGlass().open(PatientId.of(PATIENT), REASON))
                .isInstanceOfSatisfying(
                        StepUpRequiredException.class, e -> assertThat(e.code()).isEqualTo("step-up-required"));
        assertDeniedAndNothingGranted("step-up-required");

        signIn(Duration.ofMinutes(5), Role.CLINICIAN);
        assertThat(fixture.breakGlass().open(PatientId.of(PATIENT), REASON).patientId())
                .isEqualTo(PATIENT);
    }

    @Test
    void aReasonShorterThanTheMinimumAfterTrimmingIsRefused() {
        signIn(Duration.ofMinutes(1), Role.CLINICIAN);
        String nineteen = "x".repeat(19);
        assertThatThrownBy(() -> fixture.breakGlass().open(PatientId.of(PATIENT), "   " + nineteen + " \n "))
                .isInstanceOfSatisfying(SecureVisitException.class, e -> {
                    assertThat(e.code()).isEqualTo("reason-too-short");
                    assertThat(e.kind()).isEqualTo(SecureVisitException.Kind.INVALID);
                    assertThat(e.getMessage()).doesNotContain(nineteen);
                });
        assertDeniedAndNothingGranted("reason-too-short");
        assertThat(fixture.breakGlass()
                        .open(PatientId.of(PATIENT), "x".repeat(20))
                        .patientId())
                .isEqualTo(PATIENT);
    }

    @Test
    void anOversizedReasonIsRefused() {
        signIn(Duration.ofMinutes(1), Role.CLINICIAN);
        assertThatThrownBy(() -> fixture.breakGlass().open(PatientId.of(PATIENT), "y".repeat(2001)))
                .isInstanceOfSatisfying(
                        SecureVisitException.class, e -> assertThat(e.code()).isEqualTo("reason-too-long"));
        assertDeniedAndNothingGranted("reason-too-long");
    }

    @Test
    void withoutAnAuditRecordNothingIsGranted() {
        signIn(Duration.ofMinutes(1), Role.CLINICIAN);
        fixture.trail.failing = true;
        assertThatThrownBy(() -> fixture.breakGlass().open(PatientId.of(PATIENT), REASON))
                .isInstanceOf(AuditUnavailableException.class);
        assertThat(fixture.count("access_break_glass_grant")).isZero();
        assertThat(fixture.count("security_alert")).isZero();
        assertThat(fixture.published).isEmpty();
    }

    @Test
    void theGrantOpensOnlyThisPatientForThisClinicianUntilItExpires() {
        signIn(Duration.ofMinutes(1), Role.CLINICIAN);
        BreakGlassGrant grant = fixture.breakGlass().open(PatientId.of(PATIENT), REASON);
        assertThat(fixture.grants.active(ME, PATIENT, fixture.clock.instant())).isTrue();
        assertThat(fixture.grants.active(ME, OTHER_PATIENT, fixture.clock.instant()))
                .isFalse();
        assertThat(fixture.grants.active(OTHER_CLINICIAN, PATIENT, fixture.clock.instant()))
                .isFalse();
        assertThat(fixture.grants.active(ME, PATIENT, grant.expiresAt().minusMillis(1)))
                .isTrue();
        assertThat(fixture.grants.active(ME, PATIENT, grant.expiresAt())).isFalse();
        assertThat(fixture.grants.active(ME, PATIENT, grant.grantedAt().minusSeconds(1)))
                .isFalse();
    }

    @Test
    void alertsArePagedNewestFirst() {
        signIn(Duration.ofMinutes(1), Role.CLINICIAN);
        UUID[] patients = {UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID()};
        for (UUID p : patients) {
            fixture.breakGlass().open(PatientId.of(p), REASON);
            fixture.clock.now = fixture.clock.now.plusSeconds(1);
            signIn(Duration.ofMinutes(1), Role.CLINICIAN);
        }
        SecurityAlerts.Page first = fixture.alerts.page(0, 2);
        assertThat(first.hasNext()).isTrue();
        assertThat(first.alerts())
                .extracting(SecurityAlerts.Alert::patientId)
                .containsExactly(patients[2], patients[1]);
        SecurityAlerts.Page second = fixture.alerts.page(1, 2);
        assertThat(second.hasNext()).isFalse();
        assertThat(second.alerts()).extracting(SecurityAlerts.Alert::patientId).containsExactly(patients[0]);
    }

    private void assertDeniedAndNothingGranted(String reason) {
        AuditEvent event = fixture.trail.last();
        assertThat(event.action()).isEqualTo("access.break-glass");
        assertThat(event.outcome()).isEqualTo(Outcome.DENIED);
        assertThat(event.reason()).isEqualTo(reason);
        assertThat(event.patientId()).isEqualTo(PATIENT.toString());
        assertThat(fixture.count("access_break_glass_grant")).isZero();
        assertThat(fixture.count("security_alert")).isZero();
        assertThat(fixture.published).isEmpty();
    }
}
