package health.securevisit.access.web;

import health.securevisit.access.internal.AlertReview;
import health.securevisit.access.internal.SecurityAlerts;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Stored security alerts (break-glass grants today) for security officers: identifiers only, no PHI. */
@RestController
@RequestMapping("/api/v1/security-alerts")
@PreAuthorize("hasRole('SECURITY_OFFICER')")
@Tag(name = "access", description = "Access decision point: security alerts")
class SecurityAlertController {

    private final AlertReview review;

    SecurityAlertController(AlertReview review) {
        this.review = review;
    }

    @GetMapping
    @Operation(summary = "Stored security alerts, newest first (audited as security-alert.list)")
    SecurityAlerts.Page list(
            @RequestParam(defaultValue = "0") @Min(0) @Max(100_000) int page,
            @RequestParam(defaultValue = "50") @Min(1) @Max(200) int size) {
        return review.list(page, size);
    }
}
