package health.securevisit.hub.web;

import health.securevisit.access.AccessPolicy;
import health.securevisit.access.AccessRequest;
import health.securevisit.access.DataClass;
import health.securevisit.access.Intent;
import health.securevisit.access.PatientId;
import health.securevisit.hub.internal.HubFailure;
import health.securevisit.hub.internal.VitalsView;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.UUID;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** A patient's remote-monitoring vitals for the care team, decided (data class VITALS) and audited first. */
@RestController
@RequestMapping(path = "/api/v1/patients", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "vitals", description = "Hospital-at-home vitals: readings, trend, alerts, quarantine, daily monitor")
class VitalsController {

    static final int MAX_DAYS = 30;

    private final AccessPolicy policy;
    private final VitalsView view;

    VitalsController(AccessPolicy policy, VitalsView view) {
        this.policy = policy;
        this.view = view;
    }

    @GetMapping("/{id}/vitals")
    @Operation(
            summary = "Vitals of the last days (1 to 30, default 7) with trend, alerts, quarantine, the daily"
                    + " monitor and the hubs' compliance flags (VITALS: monitoring care team, fresh MFA)")
    VitalsView.Report vitals(@PathVariable UUID id, @RequestParam(defaultValue = "7") int days) {
        if (days < 1 || days > MAX_DAYS) {
            throw HubFailure.invalid("days-invalid", "days is between 1 and " + MAX_DAYS + ".");
        }
        policy.authorize(AccessRequest.patient("vitals.read", DataClass.VITALS, Intent.READ, PatientId.of(id)));
        return view.report(id, days);
    }
}
