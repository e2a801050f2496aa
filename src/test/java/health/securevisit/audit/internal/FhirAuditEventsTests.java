package health.securevisit.audit.internal;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.DefaultProfileValidationSupport;
import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import ca.uhn.fhir.validation.ValidationResult;
import health.securevisit.audit.AuditEvent;
import health.securevisit.audit.Outcome;
import health.securevisit.audit.PurposeOfUse;
import java.time.Instant;
import java.util.List;
import org.hl7.fhir.common.hapi.validation.support.CommonCodeSystemsTerminologyService;
import org.hl7.fhir.common.hapi.validation.support.InMemoryTerminologyServerValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.ValidationSupportChain;
import org.hl7.fhir.common.hapi.validation.validator.FhirInstanceValidator;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventAgentComponent;
import org.junit.jupiter.api.Test;

/**
 * FHIR R4 AuditEvents built with HAPI's R4 model and validated by HAPI's instance validator against
 * the base specification (the R4 structure definitions, value sets and code systems shipped in
 * hapi-fhir-validation-resources-r4: cardinalities, types, required bindings, invariants), with the
 * IHE BALP elements checked one by one.
 */
class FhirAuditEventsTests {

    static final FhirContext R4 = FhirContext.forR4Cached();

    private static final FhirValidator VALIDATOR = instanceValidator();

    private static FhirValidator instanceValidator() {
        ValidationSupportChain support = new ValidationSupportChain(
                new DefaultProfileValidationSupport(R4),
                new InMemoryTerminologyServerValidationSupport(R4),
                new CommonCodeSystemsTerminologyService(R4));
        FhirValidator v = R4.newValidator();
        v.registerValidatorModule(new FhirInstanceValidator(support));
        return v;
    }

    static FhirValidator validator() {
        return VALIDATOR;
    }

    static List<String> errors(ValidationResult result) {
        return result.getMessages().stream()
                .filter(m -> m.getSeverity().ordinal() >= ResultSeverityEnum.ERROR.ordinal())
                .map(m -> m.getLocationString() + ": " + m.getMessage())
                .toList();
    }

    static StoredEntry entry(long seq, AuditEvent e) {
        return new StoredEntry(seq, Instant.parse("2026-11-28T12:00:00.123456Z"), e, new byte[32]);
    }

    static final List<AuditEvent> EVENTS = List.of(
            AuditEvent.builder("chart.read", Outcome.SUCCESS, PurposeOfUse.TREATMENT)
                    .actor("u-1", "CLINICIAN")
                    .session("sess-ref-1", "webauthn")
                    .resource("chart", "c-9")
                    .patient("p-7")
                    .visit("v-3")
                    .source("203.0.113.9", "dev-42")
                    .request("req-abcdef12")
                    .build(),
            AuditEvent.builder("auth.login", Outcome.DENIED, PurposeOfUse.SYSTEM_ADMINISTRATION)
                    .reason("bad-credentials")
                    .source("198.51.100.1", null)
                    .build(),
            AuditEvent.builder("chart.update", Outcome.ERROR, PurposeOfUse.EMERGENCY)
                    .reason("store-failure")
                    .actor("u-2", "CLINICIAN")
                    .patient("p-8")
                    .build(),
            AuditEvent.builder("audit.search", Outcome.SUCCESS, PurposeOfUse.COMPLIANCE)
                    .actor("alice", "AUDITOR")
                    .resource("audit-trail", null)
                    .build());

    @Test
    void everyKindOfEventIsValidAgainstTheBaseSpecification() {
        FhirValidator v = validator();
        for (int i = 0; i < EVENTS.size(); i++) {
            var resource = FhirAuditEvents.map(entry(i, EVENTS.get(i)));
            ValidationResult result = v.validateWithResult(resource);
            assertThat(errors(result)).as(EVENTS.get(i).action()).isEmpty();
            assertThat(result.isSuccessful()).isTrue();
        }
    }

    @Test
    void theValidatorRejectsAnAuditEventMissingRequiredElements() {
        var broken = FhirAuditEvents.map(entry(0, EVENTS.getFirst()));
        broken.setType(null);
        broken.setRecorded(null);
        broken.getAgent().clear();
        ValidationResult result = validator().validateWithResult(broken);
        assertThat(result.isSuccessful()).isFalse();
        assertThat(errors(result))
                .anyMatch(m -> m.contains("AuditEvent.type"))
                .anyMatch(m -> m.contains("AuditEvent.recorded"))
                .anyMatch(m -> m.contains("AuditEvent.agent"));
    }

    @Test
    void theValidatorChecksTheSpecificationsInvariants() {
        var broken = FhirAuditEvents.map(entry(0, EVENTS.getFirst()));
        broken.getEntityFirstRep().setName("x").setQuery(new byte[] {1}); // sev-1: a name or a query, not both
        ValidationResult result = validator().validateWithResult(broken);
        assertThat(errors(result)).anyMatch(m -> m.contains("sev-1"));
    }

    @Test
    void followsBasicAuditLogPatterns() {
        var read = FhirAuditEvents.map(entry(5, EVENTS.getFirst()));
        assertThat(read.getType().getCode()).isEqualTo("rest");
        assertThat(read.getSubtype())
                .anyMatch(c -> c.getSystem().equals(FhirAuditEvents.RESTFUL)
                        && c.getCode().equals("read"));
        assertThat(read.getAction().toCode()).isEqualTo("R");
        assertThat(read.getOutcome().toCode()).isEqualTo("0");
        assertThat(read.getPurposeOfEventFirstRep().getCodingFirstRep().getCode())
                .isEqualTo("TREAT");
        AuditEventAgentComponent user = read.getAgent().stream()
                .filter(AuditEventAgentComponent::getRequestor)
                .findFirst()
                .orElseThrow();
        assertThat(user.getWho().getIdentifier().getValue()).isEqualTo("u-1");
        assertThat(user.getNetwork().getAddress()).isEqualTo("203.0.113.9");
        assertThat(user.getAltId()).isEqualTo("sess-ref-1");
        assertThat(read.getEntity())
                .anyMatch(e -> e.getRole().getCode().equals("1")
                        && e.getWhat().getIdentifier().getValue().equals("p-7"));
        assertThat(read.getEntity())
                .anyMatch(e -> e.getType().getCode().equals("XrequestId")
                        && e.getWhat().getIdentifier().getValue().equals("req-abcdef12"));
        assertThat(read.getAgent())
                .anyMatch(a -> "dev-42".equals(a.getWho().getIdentifier().getValue()));

        var login = FhirAuditEvents.map(entry(6, EVENTS.get(1)));
        assertThat(login.getType().getCode()).isEqualTo("110114");
        assertThat(login.getSubtypeFirstRep().getCode()).isEqualTo("110122");
        assertThat(login.getOutcome().toCode()).isEqualTo("4");
        assertThat(login.getOutcomeDesc()).isEqualTo("bad-credentials");
        assertThat(FhirAuditEvents.map(entry(7, EVENTS.get(2))).getOutcome().toCode())
                .isEqualTo("8");
    }
}
