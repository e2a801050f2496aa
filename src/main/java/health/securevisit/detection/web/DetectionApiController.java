package health.securevisit.detection.web;

import health.securevisit.detection.AlertStatus;
import health.securevisit.detection.SecurityAlert;
import health.securevisit.detection.internal.AlertService;
import health.securevisit.detection.internal.AlertStore;
import health.securevisit.detection.internal.RuleCatalog;
import health.securevisit.detection.internal.WorkforcePatients;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Past;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Detection for security officers: rule alerts (identifiers only, no PHI), the rules, the register. */
@RestController
@RequestMapping("/api/v1/detection")
@PreAuthorize("hasRole('SECURITY_OFFICER')")
@Tag(name = "detection", description = "Detection rules over the audit trail and their alerts")
class DetectionApiController {

    private final AlertService alerts;
    private final RuleCatalog rules;
    private final WorkforcePatients register;

    DetectionApiController(AlertService alerts, RuleCatalog rules, WorkforcePatients register) {
        this.alerts = alerts;
        this.rules = rules;
        this.register = register;
    }

    record StatusChange(@NotNull AlertStatus status) {}

    record Assignment(@Nullable UUID assignee) {}

    record WorkforceMember(
            @NotNull UUID accountId,
            @NotBlank @Size(max = 200) String fullName,
            @NotNull @Past LocalDate dateOfBirth) {}

    @GetMapping("/alerts")
    @Operation(summary = "Alerts, newest first, filtered (audited as security-alert.list)")
    AlertStore.Page list(
            @RequestParam(required = false) @Nullable AlertStatus status,
            @RequestParam(required = false) @Nullable @Pattern(regexp = "[A-Z]{3,13}") String severity,
            @RequestParam(required = false) @Nullable @Pattern(regexp = "[a-z0-9-]{3,32}") String kind,
            @RequestParam(required = false) @Nullable UUID assignee,
            @RequestParam(defaultValue = "0") @Min(0) @Max(100_000) int page,
            @RequestParam(defaultValue = "50") @Min(1) @Max(200) int size) {
        return alerts.list(new AlertStore.Filter(status, severity, kind, assignee, page, size));
    }

    @GetMapping("/alerts/{id}")
    @Operation(summary = "One alert with its linked audit entries (audited as security-alert.read)")
    SecurityAlert alert(@PathVariable UUID id) {
        return alerts.open(id);
    }

    @PostMapping("/alerts/{id}/status")
    @Operation(summary = "Move an alert to another state (audited as security-alert.update)")
    SecurityAlert status(@PathVariable UUID id, @Valid @RequestBody StatusChange change) {
        return alerts.transition(id, change.status());
    }

    @PostMapping("/alerts/{id}/assignee")
    @Operation(summary = "Assign an alert to an enabled account, or nobody (audited as security-alert.assign)")
    SecurityAlert assign(@PathVariable UUID id, @Valid @RequestBody Assignment assignment) {
        return alerts.assign(id, assignment.assignee());
    }

    @GetMapping("/rules")
    @Operation(summary = "The rules in use and the rule files refused, with their lines")
    RuleCatalog.View rules() {
        return rules.view();
    }

    @PutMapping(
            value = "/rules/{name}",
            consumes = {"application/yaml", MediaType.TEXT_PLAIN_VALUE})
    @Operation(summary = "Add or replace an organisation rule file; refused with its line when invalid")
    RuleCatalog.View putRule(
            @PathVariable @Pattern(regexp = "[a-z0-9][a-z0-9-]{2,31}") String name, @RequestBody String yaml) {
        return rules.put(name, yaml);
    }

    @PostMapping("/workforce-patients")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(
            summary = "Register a workforce member's own patient records by blind index (the answer never says"
                    + " whether one matched)")
    void registerWorkforceMember(@Valid @RequestBody WorkforceMember member) {
        register.register(member.accountId(), member.fullName(), member.dateOfBirth());
    }
}
