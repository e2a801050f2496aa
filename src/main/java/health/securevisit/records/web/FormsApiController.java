package health.securevisit.records.web;

import health.securevisit.records.internal.Forms;
import health.securevisit.records.internal.IntakeForms;
import health.securevisit.records.internal.VisitExport;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Intake forms (FHIR Questionnaires shipped with the product), their assignment to a visit, the
 * answers for the care team, and the visit export (FHIR R4 Bundle). Answers and the export go through
 * the access decision point as visit records; assigning a form is scheduling data (front desk).
 */
@RestController
@Tag(name = "records", description = "Recordings, screenshots, transcripts and consents of a visit")
class FormsApiController {

    static final String FHIR_JSON = "application/fhir+json";

    record Assign(@NotBlank @Size(max = 200) String url) {}

    record FormView(String url, String version, String title) {}

    record AssignmentView(
            String id,
            String formUrl,
            String formVersion,
            Instant assignedAt,
            @Nullable Instant answeredAt,
            @Nullable Object answers) {}

    record AssignmentList(List<AssignmentView> forms) {}

    private final Forms forms;
    private final IntakeForms intake;
    private final VisitExport export;

    FormsApiController(Forms forms, IntakeForms intake, VisitExport export) {
        this.forms = forms;
        this.intake = intake;
        this.export = export;
    }

    @GetMapping(path = "/api/v1/forms", produces = "application/json")
    @Operation(summary = "The intake forms shipped with the product (no PHI)")
    List<FormView> forms() {
        return forms.all().stream()
                .map(f -> new FormView(f.url(), f.version(), f.questionnaire().getTitle()))
                .toList();
    }

    @GetMapping(path = "/api/v1/forms/questionnaire", produces = FHIR_JSON)
    @Operation(summary = "One form as its FHIR R4 Questionnaire, by canonical url (?url=)")
    String questionnaire(@org.springframework.web.bind.annotation.RequestParam String url) {
        return forms.find(url)
                .map(f -> Forms.encode(f.questionnaire()))
                .orElseThrow(() -> health.securevisit.records.RecordsException.of(
                        health.securevisit.platform.SecureVisitException.Kind.NOT_FOUND,
                        "form-not-found",
                        "There is no such form."));
    }

    @PostMapping(path = "/api/v1/visits/{visitId}/forms", produces = "application/json")
    @Operation(summary = "Assign an intake form (its current version) to a visit")
    ResponseEntity<AssignmentView> assign(@PathVariable UUID visitId, @Valid @RequestBody Assign body) {
        IntakeForms.Assignment a = intake.assign(visitId, body.url());
        return ResponseEntity.status(HttpStatus.CREATED).body(view(a));
    }

    @GetMapping(path = "/api/v1/visits/{visitId}/forms", produces = "application/json")
    @Operation(summary = "The visit's forms and the patient's answers (FHIR QuestionnaireResponse JSON)")
    AssignmentList assigned(@PathVariable UUID visitId) {
        return new AssignmentList(
                intake.ofVisit(visitId).stream().map(FormsApiController::view).toList());
    }

    @GetMapping(path = "/api/v1/visits/{visitId}/export", produces = FHIR_JSON)
    @Operation(
            summary = "The visit as a FHIR R4 Bundle: Encounter, Patient reference, QuestionnaireResponses,"
                    + " Consents, DocumentReferences with size and SHA-256")
    String export(@PathVariable UUID visitId) {
        return Forms.encode(export.export(visitId));
    }

    private static AssignmentView view(IntakeForms.Assignment a) {
        return new AssignmentView(
                a.id().toString(),
                a.formUrl(),
                a.formVersion(),
                a.assignedAt(),
                a.answeredAt(),
                a.answers() == null
                        ? null
                        : tools.jackson.databind.json.JsonMapper.shared().readTree(Forms.encode(a.answers())));
    }
}
