package health.securevisit.incident.web;

import health.securevisit.incident.DrillSchedule;
import health.securevisit.incident.internal.DrillService;
import health.securevisit.incident.internal.IncidentService;
import health.securevisit.incident.internal.IncidentStore;
import health.securevisit.incident.internal.NoticeDraft;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Incidents and tabletop drills for security officers; every call audited by the services. */
@RestController
@RequestMapping("/api/v1")
@PreAuthorize("hasRole('SECURITY_OFFICER')")
@Tag(name = "incident", description = "Incidents, breach clocks, communication plan, tabletop drills")
class IncidentApiController {

    private final IncidentService incidents;
    private final DrillService drills;

    IncidentApiController(IncidentService incidents, DrillService drills) {
        this.incidents = incidents;
        this.drills = drills;
    }

    record OpenIncident(
            @NotBlank @Size(max = 200) String title,
            @NotBlank @Size(max = 16) String severity,
            @Nullable UUID alertId,
            @NotBlank @Size(max = 64) String zone) {}

    record Created(UUID id) {}

    record TimelineEvent(
            @NotNull Instant at,
            @NotBlank @Size(max = 64) String zone,
            @NotBlank @Size(max = 32) String kind,
            @Nullable @Size(max = 500) String note) {}

    record NewTask(
            @NotBlank @Size(max = 200) String title,
            @Nullable Instant due) {}

    record NewSubject(
            @NotBlank @Size(max = 16) String kind,
            @NotBlank @Size(max = 128) String subjectId) {}

    record PatientWindow(
            @NotNull UUID accountId,
            @NotNull Instant from,
            @NotNull Instant to) {}

    record ContainmentAction(
            @NotNull IncidentService.Containment action,
            @Nullable @Size(max = 128) String target) {}

    record StartDrill(@NotBlank @Size(max = 64) String scenario) {}

    record Decision(@NotBlank @Size(max = 500) String decision) {}

    record Finish(
            @NotBlank @Size(max = 1000) String participants,
            @NotBlank @Size(max = 2000) String findings,
            @NotBlank @Size(max = 2000) String followUps) {}

    @GetMapping("/incidents")
    @Operation(summary = "Recent incidents (audited as incident.list)")
    List<IncidentStore.Incident> list() {
        return incidents.recent();
    }

    @PostMapping("/incidents")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Open an incident from an alert or by hand; the communication plan starts")
    Created open(@Valid @RequestBody OpenIncident body) {
        return new Created(incidents.open(body.title(), body.severity(), body.alertId(), body.zone()));
    }

    @GetMapping("/incidents/{id}")
    @Operation(summary = "An incident: timeline, tasks, subjects, communication steps, assessment and clocks")
    IncidentService.View view(@PathVariable UUID id) {
        return incidents.view(id);
    }

    @PostMapping("/incidents/{id}/events")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Add a timeline event (instant and time zone)")
    void event(@PathVariable UUID id, @Valid @RequestBody TimelineEvent body) {
        incidents.event(id, body.at(), body.zone(), body.kind(), body.note());
    }

    @PostMapping("/incidents/{id}/tasks")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Add a task")
    Created task(@PathVariable UUID id, @Valid @RequestBody NewTask body) {
        return new Created(incidents.task(id, body.title(), body.due()));
    }

    @PostMapping("/incidents/{id}/tasks/{task}/done")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Mark a task done")
    void taskDone(@PathVariable UUID id, @PathVariable UUID task) {
        incidents.taskDone(id, task);
    }

    @PostMapping("/incidents/{id}/subjects")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Record an involved account or device")
    void subject(@PathVariable UUID id, @Valid @RequestBody NewSubject body) {
        incidents.subject(id, body.kind(), body.subjectId());
    }

    @PostMapping("/incidents/{id}/patients")
    @Operation(
            summary = "Compute the patients whose data an involved account touched in a window (counts per state"
                    + " only; each residence read decided by the access policy and audited)")
    IncidentService.Involved patients(@PathVariable UUID id, @Valid @RequestBody PatientWindow body) {
        return incidents.computePatients(id, body.accountId(), body.from(), body.to());
    }

    @GetMapping("/incidents/{id}/patients")
    @Operation(
            summary = "The involved patients with their state of residence, for the notices (only while the incident"
                    + " is open and its assessment requires notices; each patient decided and audited)")
    List<IncidentService.InvolvedPatient> patientList(@PathVariable UUID id) {
        return incidents.patientList(id);
    }

    record Close(@NotBlank @Size(max = 500) String note) {}

    @PostMapping("/incidents/{id}/close")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Close the incident (it opens no patient's data afterwards)")
    void close(@PathVariable UUID id, @Valid @RequestBody Close body) {
        incidents.close(id, body.note());
    }

    @PostMapping("/incidents/{id}/assessment")
    @Operation(summary = "Four-factor breach assessment and the 45 CFR 164.404-410 clocks")
    IncidentService.Assessment assess(@PathVariable UUID id, @Valid @RequestBody IncidentService.Assessed body) {
        return incidents.assess(id, body);
    }

    @PostMapping("/incidents/{id}/containment")
    @Operation(summary = "Carry out a containment action and record it on the timeline")
    Map<String, String> contain(@PathVariable UUID id, @Valid @RequestBody ContainmentAction body) {
        return Map.of("note", incidents.contain(id, body.action(), body.target()));
    }

    @PostMapping("/incidents/{id}/communication/{step}/acknowledge")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Acknowledge a communication step")
    void acknowledge(@PathVariable UUID id, @PathVariable UUID step) {
        incidents.acknowledge(id, step);
    }

    @PostMapping(value = "/incidents/{id}/notice-draft", produces = MediaType.TEXT_PLAIN_VALUE)
    @Operation(summary = "Draft of the notice to individuals with the content of 45 CFR 164.404(c)")
    String noticeDraft(@PathVariable UUID id, @Valid @RequestBody NoticeDraft.Contact contact) {
        return incidents.noticeDraft(id, contact);
    }

    @GetMapping("/drills/scenarios")
    @Operation(summary = "The shipped tabletop scenarios")
    List<?> scenarios() {
        return drills.scenarios();
    }

    @GetMapping("/drills")
    @Operation(summary = "Recent drills with time to detect and to decide")
    List<DrillService.Drill> drills() {
        return drills.recent();
    }

    @GetMapping("/drills/schedule")
    @Operation(summary = "The quarterly drill clock (for the compliance report)")
    DrillSchedule.Status schedule() {
        return drills.status();
    }

    @PostMapping("/drills")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Start a drill: inject the scenario's marked events into the drill trail")
    DrillService.Drill start(@Valid @RequestBody StartDrill body) {
        return drills.find(drills.start(body.scenario()));
    }

    @PostMapping("/drills/{id}/detected")
    @Operation(summary = "Record that the team detected the drill")
    DrillService.Drill detected(@PathVariable UUID id) {
        drills.detected(id);
        return drills.find(id);
    }

    @PostMapping("/drills/{id}/decision")
    @Operation(summary = "Record the team's decision")
    DrillService.Drill decision(@PathVariable UUID id, @Valid @RequestBody Decision body) {
        drills.decided(id, body.decision());
        return drills.find(id);
    }

    @PostMapping("/drills/{id}/finish")
    @Operation(summary = "Record participants, findings and follow-ups; the drill counts for its quarter")
    DrillService.Drill finish(@PathVariable UUID id, @Valid @RequestBody Finish body) {
        drills.finish(id, body.participants(), body.findings(), body.followUps());
        return drills.find(id);
    }
}
