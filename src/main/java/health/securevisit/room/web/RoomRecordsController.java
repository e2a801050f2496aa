package health.securevisit.room.web;

import health.securevisit.identity.CurrentWorkforceUser;
import health.securevisit.records.ConsentAnswer;
import health.securevisit.records.ConsentKind;
import health.securevisit.records.ConsentRecord;
import health.securevisit.records.PatientRecords;
import health.securevisit.room.internal.RoomEntry;
import health.securevisit.room.internal.RoomFailure;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.UUID;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * The patient's forms and consents on the join page, authorised by the visit's room credential
 * ({@code __Host-SVROOM}) only: for that credential's own visit, while the visit is live. Workforce
 * callers use the records API instead (403 here). The work is the records module's ({@link PatientRecords}).
 */
@RestController
@RequestMapping(path = "/api/v1/visits/{id}/room", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "room", description = "The live visit: the patient's forms and consents (room credential)")
class RoomRecordsController {

    record Answers(
            @NotBlank @Size(max = 200) String url, @NotNull JsonNode response) {}

    record Consent(@NotNull ConsentKind kind, @NotNull ConsentAnswer answer) {}

    record ConsentView(String kind, String answer, Instant recordedAt) {}

    private final RoomEntry entry;
    private final CurrentWorkforceUser workforce;
    private final PatientRecords records;

    RoomRecordsController(RoomEntry entry, CurrentWorkforceUser workforce, PatientRecords records) {
        this.entry = entry;
        this.workforce = workforce;
        this.records = records;
    }

    @GetMapping("/forms")
    @Operation(
            summary = "The patient's view (room credential): the forms assigned to the visit (FHIR"
                    + " Questionnaires) and the current telehealth and recording consent answers")
    ResponseEntity<PatientRecords.PatientView> forms(@PathVariable UUID id, HttpServletRequest request) {
        patient(request, id, "room.forms.read");
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(records.view(id));
    }

    @PostMapping("/forms")
    @Operation(
            summary = "The patient answers an assigned form (FHIR QuestionnaireResponse); 400"
                    + " form-answers-invalid with an error per item, 404 form-not-assigned, 409 visit-ended")
    ResponseEntity<Void> answer(@PathVariable UUID id, @Valid @RequestBody Answers body, HttpServletRequest request) {
        UUID participant = patient(request, id, "room.forms.answer");
        records.answer(id, participant, body.url(), body.response().toString());
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/consents")
    @Operation(
            summary = "The patient gives, refuses or withdraws telehealth or recording consent; a withdrawal"
                    + " stops a running recording")
    ResponseEntity<ConsentView> consent(
            @PathVariable UUID id, @Valid @RequestBody Consent body, HttpServletRequest request) {
        UUID participant = patient(request, id, "room.consents.record");
        ConsentRecord c = records.consent(id, participant, body.kind(), body.answer());
        return ResponseEntity.status(HttpStatus.CREATED)
                .body(new ConsentView(c.kind().name(), c.answer().name(), c.recordedAt()));
    }

    /** The patient participant of this request's room credential for visit {@code id}, or 403. */
    private UUID patient(HttpServletRequest request, UUID id, String action) {
        if (workforce.current().isPresent()) {
            throw RoomFailure.accessDenied();
        }
        return entry.enter(request, id, action)
                .orElseThrow(RoomFailure::accessDenied)
                .participant()
                .id();
    }
}
