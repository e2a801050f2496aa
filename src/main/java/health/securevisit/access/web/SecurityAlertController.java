package health.securevisit.access.web;

import health.securevisit.access.internal.AlertReview;
import health.securevisit.access.internal.SecurityAlerts;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
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

    /** One alert: ids, codes and times. */
    record AlertView(
            UUID id,
            String kind,
            String severity,
            UUID actorId,
            @Nullable UUID patientId,
            @Nullable UUID grantId,
            Instant createdAt,
            String status) {
        static AlertView of(SecurityAlerts.Alert a) {
            return new AlertView(
                    a.id(), a.kind(), a.severity(), a.actorId(), a.patientId(), a.grantId(), a.createdAt(), a.status());
        }
    }

    record AlertPage(List<AlertView> alerts, int page, int size, boolean hasNext) {}

    @GetMapping
    @Operation(summary = "Stored security alerts, newest first (audited as security-alert.list)")
    AlertPage list(
            @RequestParam(defaultValue = "0") @Min(0) @Max(100_000) int page,
            @RequestParam(defaultValue = "50") @Min(1) @Max(200) int size) {
        SecurityAlerts.Page result = review.list(page, size);
        return new AlertPage(
                result.alerts().stream().map(AlertView::of).toList(), result.page(), result.size(), result.hasNext());
    }
}
