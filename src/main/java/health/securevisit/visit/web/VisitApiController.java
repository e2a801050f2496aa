package health.securevisit.visit.web;

import health.securevisit.patient.DataPoint;
import health.securevisit.platform.FreeText;
import health.securevisit.platform.PublicUrl;
import health.securevisit.visit.internal.IdentityVerifications;
import health.securevisit.visit.internal.JoinLinks;
import health.securevisit.visit.internal.Modality;
import health.securevisit.visit.internal.Visit;
import health.securevisit.visit.internal.VisitException;
import health.securevisit.visit.internal.VisitScheduling;
import health.securevisit.visit.internal.VisitStatus;
import health.securevisit.visit.web.VisitViews.ChartView;
import health.securevisit.visit.web.VisitViews.JoinLinkView;
import health.securevisit.visit.web.VisitViews.VerificationResult;
import health.securevisit.visit.web.VisitViews.VisitList;
import health.securevisit.visit.web.VisitViews.VisitView;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Visits: scheduling, schedule, lifecycle, identity verification, chart, join links. Every endpoint
 * asks the access decision point first (through the visit services); the decision is audited.
 */
@RestController
@RequestMapping(path = "/api/v1/visits", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "visits", description = "Scheduling, lifecycle, identity verification at visit start, chart, join links")
class VisitApiController {

    static final Duration DEFAULT_PAST = Duration.ofDays(1);
    static final Duration DEFAULT_AHEAD = Duration.ofDays(14);

    record NewVisit(
            @NotNull UUID patientId,
            @NotEmpty @Size(max = 10) List<@NotNull UUID> clinicianIds,
            @NotBlank @Size(max = 40) String start,
            @NotNull @Min(5) @Max(480) Integer durationMinutes,
            @NotNull Modality modality) {}

    record Transition(@NotNull VisitStatus to) {}

    record DataPoints(
            @Nullable @Size(max = 200) String fullName,
            @Nullable @Size(max = 10) String dateOfBirth,
            @Nullable @Size(max = 500) String address,
            @Nullable @Size(max = 20) String phone,

            @Nullable @Size(max = 32) @Pattern(regexp = "[A-Za-z0-9-]*")
            String mrn,

            @Nullable Boolean photoIdInspected) {
        @Override
        public String toString() {
            return "DataPoints[redacted]";
        }
    }

    record Verify(@NotNull @Valid DataPoints dataPoints) {}

    private final VisitScheduling scheduling;
    private final IdentityVerifications verifications;
    private final JoinLinks joinLinks;
    private final PublicUrl publicUrl;
    private final Clock clock;

    VisitApiController(
            VisitScheduling scheduling,
            IdentityVerifications verifications,
            JoinLinks joinLinks,
            PublicUrl publicUrl,
            Clock clock) {
        this.clock = clock;
        this.scheduling = scheduling;
        this.verifications = verifications;
        this.joinLinks = joinLinks;
        this.publicUrl = publicUrl;
    }

    @PostMapping
    @Operation(
            summary = "Schedule a visit (STAFF; a CLINICIAN on its care team needs a prior care relationship)",
            requestBody =
                    @io.swagger.v3.oas.annotations.parameters.RequestBody(
                            content = @Content(schema = @Schema(implementation = NewVisit.class))))
    ResponseEntity<VisitView> create(@Valid @RequestBody NewVisit request) {
        Instant start;
        try {
            start = OffsetDateTime.parse(request.start()).toInstant();
        } catch (DateTimeParseException e) {
            throw VisitException.invalidRequest("'start' must be an ISO-8601 date and time with an offset.");
        }
        Visit visit = scheduling.create(
                request.patientId(),
                new LinkedHashSet<>(request.clinicianIds()),
                start,
                request.durationMinutes(),
                request.modality());
        return ResponseEntity.created(URI.create("/api/v1/visits/" + visit.id()))
                .body(VisitView.of(visit));
    }

    @GetMapping
    @Operation(summary = "Visits starting in [from, to): a clinician's own, or all for staff")
    VisitList list(
            @RequestParam(required = false) @Nullable OffsetDateTime from,
            @RequestParam(required = false) @Nullable OffsetDateTime to,
            @RequestParam(required = false) @Nullable UUID clinicianId) {
        Instant now = clock.instant();
        Instant since = from == null ? now.minus(DEFAULT_PAST) : from.toInstant();
        Instant until = to == null ? since.plus(DEFAULT_AHEAD) : to.toInstant();
        return new VisitList(scheduling.list(since, until, clinicianId).stream()
                .map(VisitView::of)
                .toList());
    }

    @GetMapping("/{id}")
    @Operation(summary = "One visit (scheduling data)")
    VisitView read(@PathVariable UUID id) {
        return VisitView.of(scheduling.read(id));
    }

    @PostMapping("/{id}/transitions")
    @Operation(
            summary = "Move a visit along its lifecycle (WAITING: the patient's check-in, staff only; IN_PROGRESS,"
                    + " ENDED, CANCELLED, NO_SHOW)",
            requestBody =
                    @io.swagger.v3.oas.annotations.parameters.RequestBody(
                            content = @Content(schema = @Schema(implementation = Transition.class))))
    VisitView transition(@PathVariable UUID id, @Valid @RequestBody Transition body) {
        return VisitView.of(scheduling.transition(id, body.to()));
    }

    @PostMapping("/{id}/identity-verification")
    @Operation(
            summary = "Verify the patient's identity with at least two data points (values are never stored)",
            requestBody =
                    @io.swagger.v3.oas.annotations.parameters.RequestBody(
                            content = @Content(schema = @Schema(implementation = Verify.class))))
    VerificationResult verify(@PathVariable UUID id, @Valid @RequestBody Verify body) {
        DataPoints points = body.dataPoints();
        Map<DataPoint, String> entered = new EnumMap<>(DataPoint.class);
        put(entered, DataPoint.FULL_NAME, points.fullName());
        put(entered, DataPoint.DATE_OF_BIRTH, points.dateOfBirth());
        put(entered, DataPoint.ADDRESS, points.address());
        put(entered, DataPoint.PHONE, points.phone());
        put(entered, DataPoint.MRN, points.mrn());
        if (Boolean.TRUE.equals(points.photoIdInspected())) {
            entered.put(DataPoint.PHOTO_ID_INSPECTED, "true");
        }
        IdentityVerifications.Result result = verifications.verify(id, entered);
        return new VerificationResult(
                result.verified(),
                VisitViews.fields(result.matched()),
                VisitViews.fields(result.mismatched()),
                result.verified() ? null : result.attemptsLeft());
    }

    @GetMapping("/{id}/chart")
    @Operation(summary = "The chart summary of a visit (CLINICAL: care team, window, identity verified, fresh MFA)")
    ChartView chart(@PathVariable UUID id) {
        return ChartView.of(scheduling.chart(id));
    }

    @PostMapping("/{id}/join-links")
    @Operation(summary = "A new single-use patient join link (earlier unused links are revoked)")
    ResponseEntity<JoinLinkView> joinLink(@PathVariable UUID id) {
        JoinLinks.Created created = joinLinks.create(id);
        return ResponseEntity.status(201)
                .body(new JoinLinkView(
                        publicUrl.base() + "/join#" + created.token(), created.validFrom(), created.validUntil()));
    }

    /** A data point as entered, NFC-normalised; bidi controls and zero-width characters are refused. */
    private static void put(Map<DataPoint, String> entered, DataPoint point, @Nullable String value) {
        if (value != null && !value.isBlank()) {
            entered.put(
                    point,
                    FreeText.normalized(value)
                            .orElseThrow(() -> VisitException.invalidRequest("'" + point.field()
                                    + "' must not contain bidirectional controls or zero-width characters.")));
        }
    }
}
