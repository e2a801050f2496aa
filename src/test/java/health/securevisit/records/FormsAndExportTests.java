package health.securevisit.records;

import static health.securevisit.support.Workforce.body;
import static health.securevisit.support.Workforce.expect;
import static health.securevisit.support.Workforce.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.DefaultProfileValidationSupport;
import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import ca.uhn.fhir.validation.ValidationResult;
import health.securevisit.records.RecordsException.ItemError;
import health.securevisit.records.internal.IntakeForms;
import health.securevisit.support.RunningServer;
import health.securevisit.support.TestServers;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.hl7.fhir.common.hapi.validation.support.CommonCodeSystemsTerminologyService;
import org.hl7.fhir.common.hapi.validation.support.InMemoryTerminologyServerValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.ValidationSupportChain;
import org.hl7.fhir.common.hapi.validation.validator.FhirInstanceValidator;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.DocumentReference;
import org.hl7.fhir.r4.model.ResourceType;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** Intake forms (assignment, per-item validation, encrypted answers, reading) and the visit export. */
class FormsAndExportTests {

    static final FhirContext R4 = FhirContext.forR4Cached();
    static final String INTAKE = "https://securevisit.health/fhir/Questionnaire/telehealth-intake";
    static final String CONSENT = "https://securevisit.health/fhir/Questionnaire/telehealth-consent";

    final RunningServer server = TestServers.h2();

    static String response(String items) {
        return "{\"resourceType\":\"QuestionnaireResponse\",\"status\":\"completed\",\"item\":[" + items + "]}";
    }

    static String text(String linkId, String value) {
        return "{\"linkId\":\"" + linkId + "\",\"answer\":[{\"valueString\":\"" + value + "\"}]}";
    }

    @Test
    void validatesAnswersItemByItemStoresThemEncryptedAndShowsThemToTheCareTeamOnly() {
        RecordingFixture fx = RecordingFixture.on(server);
        JsonNode forms = json(expect(fx.doctor().get("/api/v1/forms"), 200));
        assertThat(forms.findValuesAsString("url")).contains(INTAKE, CONSENT);
        expect(fx.clinic().staff().post("/api/v1/visits/" + fx.visit() + "/forms", body("url", INTAKE)), 201);
        Problem.is(
                fx.clinic().staff().post("/api/v1/visits/" + fx.visit() + "/forms", body("url", INTAKE)),
                409,
                "form-already-assigned");
        Problem.is(
                fx.clinic().staff().post("/api/v1/visits/" + fx.visit() + "/forms", body("url", "https://x/y")),
                404,
                "form-not-found");
        IntakeForms intake = server.context().getBean(IntakeForms.class);
        UUID visit = UUID.fromString(fx.visit());

        String bad = response(String.join(
                ",",
                text("reason", "x".repeat(1001)),
                "{\"linkId\":\"location-private\",\"answer\":[{\"valueString\":\"yes\"}]}",
                text("shoe-size", "44")));
        assertThatThrownBy(() -> intake.answerAsPatient(visit, INTAKE, bad))
                .isInstanceOfSatisfying(RecordsException.class, e -> {
                    assertThat(e.code()).isEqualTo("form-answers-invalid");
                    assertThat(e.items())
                            .containsExactlyInAnyOrder(
                                    new ItemError("reason", "too-long"),
                                    new ItemError("location-private", "wrong-type"),
                                    new ItemError("shoe-size", "unknown-item"),
                                    new ItemError("location-state", "required"));
                });
        assertThatThrownBy(() -> intake.answerAsPatient(visit, INTAKE, "{\"resourceType\":\"Patient\"}"))
                .isInstanceOf(RecordsException.class);
        assertThatThrownBy(() -> intake.answerAsPatient(visit, CONSENT, response("")))
                .hasMessageContaining("not assigned");

        String marker = "Penicillin-" + UUID.randomUUID();
        intake.answerAsPatient(
                visit,
                INTAKE,
                response(String.join(
                        ",",
                        text("reason", "Rash on the left arm"),
                        text("allergies", marker),
                        text("location-state", "Oregon"),
                        "{\"linkId\":\"location-private\",\"answer\":[{\"valueBoolean\":true}]}")));
        List<byte[]> stored = JdbcClient.create(server.context().getBean(javax.sql.DataSource.class))
                .sql("SELECT answers FROM records_form_assignment WHERE visit_id = ?")
                .param(visit)
                .query(byte[].class)
                .list();
        assertThat(new String(stored.get(0), StandardCharsets.ISO_8859_1)).doesNotContain(marker, "Oregon");

        JsonNode answered = json(expect(fx.doctor().get("/api/v1/visits/" + fx.visit() + "/forms"), 200));
        assertThat(answered.toString()).contains(marker);
        assertThat(fx.clinic()
                        .staff()
                        .get("/api/v1/visits/" + fx.visit() + "/forms")
                        .statusCode())
                .isEqualTo(403);
        assertThat(fx.clinic()
                        .staff()
                        .get("/api/v1/visits/" + fx.visit() + "/forms")
                        .body())
                .doesNotContain(marker);
    }

    @Test
    void exportsTheVisitAsAFhirBundleThatTheHapiValidatorAccepts() {
        RecordingFixture fx = RecordingFixture.on(server);
        fx.consent("TELEHEALTH", "GIVEN");
        fx.consent("RECORDING", "GIVEN");
        byte[] media = RecordingFixture.media(3000, "x");
        String recording = fx.upload(media, 1024);
        expect(fx.clinic().staff().post("/api/v1/visits/" + fx.visit() + "/forms", body("url", INTAKE)), 201);
        server.context()
                .getBean(IntakeForms.class)
                .answerAsPatient(
                        UUID.fromString(fx.visit()),
                        INTAKE,
                        response(String.join(
                                ",",
                                text("reason", "Follow-up"),
                                text("location-state", "Oregon"),
                                "{\"linkId\":\"location-private\",\"answer\":[{\"valueBoolean\":true}]}")));

        var answer = expect(fx.doctor().get("/api/v1/visits/" + fx.visit() + "/export"), 200);
        assertThat(answer.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/fhir+json");
        Bundle bundle = R4.newJsonParser().parseResource(Bundle.class, answer.body());
        assertThat(bundle.getEntry())
                .extracting(e -> e.getResource().getResourceType())
                .contains(
                        ResourceType.Encounter,
                        ResourceType.QuestionnaireResponse,
                        ResourceType.Consent,
                        ResourceType.DocumentReference);
        DocumentReference doc = bundle.getEntry().stream()
                .map(Bundle.BundleEntryComponent::getResource)
                .filter(r -> r instanceof DocumentReference)
                .map(DocumentReference.class::cast)
                .filter(d -> d.getIdElement().getIdPart().equals(recording))
                .findFirst()
                .orElseThrow();
        var attachment = doc.getContentFirstRep().getAttachment();
        assertThat(attachment.getSize()).isEqualTo(media.length);
        assertThat(attachment.getExtensionString(health.securevisit.records.internal.VisitExport.SHA256_EXTENSION))
                .isEqualTo(RecordingFixture.sha256(media));
        assertThat(bundle.getEntry().stream().filter(e -> e.getResource() instanceof org.hl7.fhir.r4.model.Consent))
                .hasSize(2);

        ValidationResult result = validator().validateWithResult(bundle);
        List<String> errors = result.getMessages().stream()
                .filter(m -> m.getSeverity().ordinal() >= ResultSeverityEnum.ERROR.ordinal())
                .map(m -> m.getLocationString() + ": " + m.getMessage())
                .toList();
        assertThat(errors).isEmpty();

        assertThat(fx.clinic()
                        .staff()
                        .get("/api/v1/visits/" + fx.visit() + "/export")
                        .statusCode())
                .isEqualTo(403);
    }

    static FhirValidator validator() {
        ValidationSupportChain support = new ValidationSupportChain(
                new DefaultProfileValidationSupport(R4),
                new InMemoryTerminologyServerValidationSupport(R4),
                new CommonCodeSystemsTerminologyService(R4));
        FhirValidator v = R4.newValidator();
        v.registerValidatorModule(new FhirInstanceValidator(support));
        return v;
    }
}
