package health.securevisit.segmentation.web;

import health.securevisit.audit.Outcome;
import health.securevisit.identity.CurrentWorkforceUser;
import health.securevisit.identity.WorkforcePrincipal;
import health.securevisit.segmentation.internal.Segmentation;
import health.securevisit.segmentation.internal.SegmentationProbe;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** The segmentation policy and self-test results (security officers). Every call is audited. */
@RestController
@RequestMapping(path = "/api/v1/network/segmentation", produces = MediaType.APPLICATION_JSON_VALUE)
@PreAuthorize("hasRole('SECURITY_OFFICER')")
@Tag(name = "segmentation", description = "Network segmentation policy and self-test")
class SegmentationApiController {

    private final CurrentWorkforceUser current;
    private final Segmentation policy;
    private final SegmentationProbe probe;

    SegmentationApiController(CurrentWorkforceUser current, Segmentation policy, SegmentationProbe probe) {
        this.current = current;
        this.policy = policy;
        this.probe = probe;
    }

    record NewTarget(
            @NotBlank @Size(max = 100) String label,
            @NotBlank @Size(max = 253) String host,
            @Min(1) @Max(65535) int port,
            @NotNull Segmentation.Expectation expectation) {}

    private WorkforcePrincipal me() {
        return current.current().orElseThrow();
    }

    @GetMapping("/targets")
    @Operation(summary = "The policy's targets (audited as segmentation.target.list)")
    List<Segmentation.Target> targets() {
        policy.audit(me(), "segmentation.target.list", Outcome.SUCCESS, null, null);
        return policy.targets();
    }

    @PostMapping("/targets")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Add a forbidden or required target; addresses outside the allowed ranges are refused")
    Segmentation.Target add(@Valid @RequestBody NewTarget request) {
        return policy.add(me(), request.label(), request.host(), request.port(), request.expectation());
    }

    @DeleteMapping("/targets/{id}")
    @Operation(summary = "Remove a target")
    ResponseEntity<Void> remove(@PathVariable UUID id) {
        return policy.remove(me(), id)
                ? ResponseEntity.noContent().build()
                : ResponseEntity.notFound().build();
    }

    @PostMapping("/probe")
    @Operation(summary = "Run the self-test now and return its results")
    List<SegmentationProbe.Result> probeNow() {
        policy.audit(me(), "segmentation.probe.request", Outcome.SUCCESS, null, null);
        return probe.probe();
    }

    @GetMapping("/results")
    @Operation(summary = "The latest result of every target")
    List<SegmentationProbe.Result> results() {
        policy.audit(me(), "segmentation.result.list", Outcome.SUCCESS, null, null);
        return probe.latest();
    }
}
